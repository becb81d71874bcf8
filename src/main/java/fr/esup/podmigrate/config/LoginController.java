package fr.esup.podmigrate.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

    /** After a blocked login, the page says until when: the failure handler left the refusal in the session. */
    @GetMapping("/login")
    String login(@RequestParam(required = false) String blocked, HttpServletRequest request, Model model) {
        HttpSession session = request.getSession(false);
        if (blocked != null && session != null
                && session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof LoginBlockedException e) {
            model.addAttribute("blockedUntil", e.until());
        }
        return "login";
    }
}
