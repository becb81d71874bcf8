package fr.esup.podmigrate.checklist;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FlatpageOrderTest {

    @Test
    void urlsGoInPathOrderWithTheirNumbersByValueAndLettersRegardlessOfCase() {
        List<String> urls = List.of("/page10/", "/faq/", "/Contact/", "/a/b/", "/page2/", "/a-propos/", "/a/", "/page2/annexe/");

        assertThat(urls.stream().sorted(ChecklistService::compareUrls).toList())
                .containsExactly("/a/", "/a/b/", "/a-propos/", "/Contact/", "/faq/", "/page2/", "/page2/annexe/", "/page10/");
    }
}
