package fr.esup.podmigrate.dump;

import fr.esup.podmigrate.testsupport.TestWorkspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads through the real server (Tomcat parses them, MockMvc does not): one under the limit is stored, one
 * over it is refused with the page's message and leaves nothing behind.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UploadLimitIT {

    private static final Path WORKSPACE = TestWorkspaces.newFolder("pm-upload-limit");
    private static final String BOUNDARY = "pod-migrate-test-boundary";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("podmigrate.target.url", () -> "jdbc:mariadb://127.0.0.1:9/pod_v3");
        registry.add("podmigrate.workspace", WORKSPACE::toString);
        registry.add("podmigrate.upload.max-size", () -> "1KB");
        registry.add("podmigrate.operator.username", () -> "operator");
        registry.add("podmigrate.operator.password", () -> "{noop}upload-pass");
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build();
    private String csrfHeader;
    private String csrfToken;

    @BeforeEach
    void logIn() throws Exception {
        String loginPage = http.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        String form = "username=operator&password=upload-pass&_csrf="
                + URLEncoder.encode(find(loginPage, "name=\"_csrf\" value=\"([^\"]+)\""), StandardCharsets.UTF_8);
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));
        String page = http.send(HttpRequest.newBuilder(uri("/dump")).build(), HttpResponse.BodyHandlers.ofString()).body();
        csrfHeader = find(page, "<meta name=\"_csrf_header\" content=\"([^\"]+)\"");
        csrfToken = find(page, "<meta name=\"_csrf\" content=\"([^\"]+)\"");
    }

    @Test
    void anUploadUnderTheLimitIsStoredAndListed() throws Exception {
        HttpResponse<String> response = upload("podv2.sql", "INSERT IGNORE INTO `t` VALUES (1);\n".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("id=\"upload-done\"", "podv2.sql", "Use this one").doesNotContain("<html");
        assertThat(storedUploads()).hasSize(1);
        assertThat(incoming()).isEmpty();
    }

    @Test
    void anUploadOverTheLimitIsRefusedWithTheLimitAndNothingIsKept() throws Exception {
        byte[] tooLarge = new byte[4096];
        Arrays.fill(tooLarge, (byte) 'x');
        long before = storedUploads().length;

        HttpResponse<String> response = upload("huge.sql", tooLarge);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("id=\"upload-refused\"", "larger than the upload limit of 1 KB: nothing was kept");
        assertThat(storedUploads()).hasSize((int) before);
        assertThat(incoming()).isEmpty();
    }

    private HttpResponse<String> upload(String fileName, byte[] content) throws IOException, InterruptedException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/sql\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(uri("/dump/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .header("HX-Request", "true")
                .header(csrfHeader, csrfToken)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String[] storedUploads() throws IOException {
        try (Stream<Path> files = Files.list(WORKSPACE.resolve("uploads"))) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".sql")).toArray(String[]::new);
        }
    }

    private static String[] incoming() throws IOException {
        try (Stream<Path> files = Files.list(WORKSPACE.resolve("uploads/.incoming"))) {
            return files.map(Path::toString).toArray(String[]::new);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String find(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }
}
