package com.cloudact.frontend.home;

import com.cloudact.frontend.auth.LocalAccounts;
import com.cloudact.model.OrgSlug;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The landing page, login page and health probe; a signed-in user goes straight to their org's dashboard. */
@Controller
class HomeController {

    private final LocalAccounts accounts;

    HomeController(LocalAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/")
    String home(Principal user) {
        if (user == null) {
            return "index";
        }
        List<OrgSlug> orgs = accounts.memberships(user.getName());
        return orgs.isEmpty() ? "no-organization" : "redirect:/" + orgs.getFirst().value() + "/dashboard";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/health")
    @ResponseBody
    Map<String, Object> health() {
        return Map.of("status", "healthy", "service", "frontend-service");
    }
}
