package fr.esup.podmigrate.sitefix;

import fr.esup.podmigrate.pod.PodMigrationRules;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.IOException;
import java.security.Principal;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** Site fixes: site 1's domain and name, then the rows without a site, fixed in one transaction after a preview. */
@Controller
class SiteFixController {

    private final SiteFixService service;

    SiteFixController(SiteFixService service) {
        this.service = service;
    }

    @GetMapping("/sitefix")
    String sitefix(HtmxRequest htmx, Model model) throws SQLException, IOException {
        return page(htmx, model, null);
    }

    @PostMapping("/sitefix/site")
    String site(@RequestParam(required = false) String domain, @RequestParam(required = false) String name,
                HtmxRequest htmx, Model model, Principal principal) throws SQLException, IOException {
        SiteForm form = new SiteForm(domain, name);
        Map<String, String> errors = form.errors();
        if (errors.isEmpty()) {
            try {
                service.updateSite(form, principal.getName());
                model.addAttribute("siteSaved", true);
            } catch (DataIntegrityViolationException e) {
                errors = Map.of("domain", "sitefix.site.domain.taken");
            }
        }
        model.addAttribute("siteErrors", errors);
        return page(htmx, model, errors.isEmpty() ? null : form);
    }

    /** Without {@code confirm}, shows what the chosen fixes will change; with it, applies them. */
    @PostMapping("/sitefix/fixes")
    String fixes(@RequestParam(name = "fix", required = false) List<String> keys,
                 @RequestParam(defaultValue = "false") boolean confirm, HtmxRequest htmx, Model model,
                 Principal principal) throws SQLException, IOException {
        List<String> chosen = keys == null ? List.of() : keys;
        if (!confirm || chosen.isEmpty()) {
            model.addAttribute("preview", service.preview(chosen));
            return page(htmx, model, null);
        }
        try {
            model.addAttribute("outcomes", service.apply(chosen, principal.getName()));
        } catch (DataAccessException | SQLException e) {
            model.addAttribute("applyError", NestedExceptionUtils.getMostSpecificCause(e).getMessage());
        }
        return page(htmx, model, null);
    }

    private String page(HtmxRequest htmx, Model model, SiteForm rejected) throws SQLException, IOException {
        SitePage page = service.page();
        model.addAttribute("page", page);
        model.addAttribute("siteForm", rejected != null ? rejected : page.sites().stream()
                .filter(site -> site.id() == PodMigrationRules.DEFAULT_SITE_ID).findFirst()
                .map(site -> new SiteForm(site.domain(), site.name())).orElse(new SiteForm("", "")));
        return htmx.isHtmxRequest() ? "sitefix/sitefix :: panel" : "sitefix/sitefix";
    }
}
