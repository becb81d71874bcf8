package fr.esup.podmigrate.dump;

import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.config.PodMigrateProperties;
import fr.esup.podmigrate.run.ByteSize;
import fr.esup.podmigrate.job.JobAlreadyRunningException;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.sql.dump.DumpOptions;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;

/**
 * Step 4: podv2.sql generated from the v2 database, uploaded, or picked from the import folder; downloaded, and the
 * uploaded ones deleted. An upload only adds a file to the list: the run's script changes on the operator's pick.
 */
@Controller
class DumpController {

    private static final String PAGE = "dump/dump";
    private static final String STEP = "dump/dump :: panel";

    private final Databases databases;
    private final ScriptFiles scriptFiles;
    private final ScriptGeneration generation;
    private final DumpService service;
    private final RunStore runStore;
    private final ByteSize uploadLimit;

    DumpController(Databases databases, ScriptFiles scriptFiles, ScriptGeneration generation, DumpService service,
                   RunStore runStore, PodMigrateProperties properties) {
        this.databases = databases;
        this.scriptFiles = scriptFiles;
        this.generation = generation;
        this.service = service;
        this.runStore = runStore;
        this.uploadLimit = new ByteSize(properties.upload().maxSize().toBytes());
    }

    @GetMapping("/dump")
    String dump(HtmxRequest htmx, Model model) {
        return view(htmx, model);
    }

    @PostMapping("/dump/generate")
    String generate(@ModelAttribute("options") Podv2ScriptOptions options, HtmxRequest htmx, Model model, Principal principal) {
        if (databases.source().isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No source database configured");
        }
        try {
            generation.start(options, principal.getName());
        } catch (JobAlreadyRunningException e) {
            model.addAttribute("busy", e.running());
        }
        if (htmx.isHtmxRequest()) {
            addGeneration(model);
            return "dump/generation :: generation";
        }
        addStep(model);
        return PAGE;
    }

    @PostMapping("/dump/upload")
    String upload(@RequestParam("file") MultipartFile file, HtmxRequest htmx, Model model, Principal principal)
            throws IOException {
        if (file.isEmpty()) {
            model.addAttribute("uploadRefused", "empty");
            return view(htmx, model);
        }
        try {
            // Part.write, behind transferTo(File), moves the part's file where transferTo(Path) would copy it.
            model.addAttribute("uploaded", service.upload(file.getOriginalFilename(),
                    target -> file.transferTo(target.toFile()), principal.getName()));
        } catch (UploadRefusedException e) {
            model.addAttribute("notAScript", e);
        }
        return view(htmx, model);
    }

    /** Tomcat refuses the upload past the limit and deletes what it received; the page says why. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String uploadTooLarge(HtmxRequest htmx, Model model) {
        // Exception handlers get no @ModelAttribute of the advices: the side bar's steps are added here.
        model.addAttribute("steps", runStore.states());
        model.addAttribute("uploadRefused", "too-large");
        return view(htmx, model);
    }

    @PostMapping("/dump/files/select")
    String select(@RequestParam String id, HtmxRequest htmx, Model model, Principal principal) {
        service.choose(find(id), principal.getName());
        return view(htmx, model);
    }

    /** What deleting an uploaded file would delete, to confirm. */
    @GetMapping("/dump/files/delete")
    String confirmDelete(@RequestParam String id, HtmxRequest htmx, Model model) {
        model.addAttribute("deleting", deletable(id));
        return view(htmx, model);
    }

    @PostMapping("/dump/files/delete")
    String delete(@RequestParam String id, HtmxRequest htmx, Model model, Principal principal) throws IOException {
        ScriptFile file = deletable(id);
        model.addAttribute(service.delete(file, principal.getName()) ? "deleted" : "deleteRefused", file);
        return view(htmx, model);
    }

    @GetMapping("/dump/files/download")
    ResponseEntity<Resource> download(@RequestParam String id) {
        ScriptFile file = find(id);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file.downloadName(), StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.parseMediaType(file.mediaType()))
                .contentLength(file.size())
                .body(new FileSystemResource(file.path()));
    }

    private ScriptFile deletable(String id) {
        ScriptFile file = find(id);
        if (file.origin() != ScriptFile.Origin.UPLOADED) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Only uploaded files are deleted here");
        }
        return file;
    }

    private ScriptFile find(String id) {
        return scriptFiles.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No podv2.sql " + id));
    }

    private String view(HtmxRequest htmx, Model model) {
        addStep(model);
        return htmx.isHtmxRequest() ? STEP : PAGE;
    }

    private void addStep(Model model) {
        addGeneration(model);
        if (!model.containsAttribute("options")) {
            model.addAttribute("options", Podv2ScriptOptions.PROCEDURE);
        }
        model.addAttribute("source", databases.source().map(Object::toString).orElse(null));
        model.addAttribute("excludedTables", String.join(", ", Podv2ScriptOptions.excludedTables().stream().sorted().toList()));
        model.addAttribute("structures", DumpOptions.Structure.values());
        model.addAttribute("insertModes", DumpOptions.InsertMode.values());
        model.addAttribute("uploadLimit", uploadLimit);
        model.addAttribute("importFolder", scriptFiles.importFolderLocation());
        model.addAttribute("importFiles", scriptFiles.importFolder());
        model.addAttribute("files", scriptFiles.all());
        model.addAttribute("script", scriptFiles.selected().orElse(null));
    }

    private void addGeneration(Model model) {
        generation.latest().ifPresent(job -> {
            model.addAttribute("job", job);
            model.addAttribute("written", generation.written(job).orElse(null));
            job.result(Generated.class).ifPresent(generated -> model.addAttribute("rows", generated.rows()));
        });
    }
}
