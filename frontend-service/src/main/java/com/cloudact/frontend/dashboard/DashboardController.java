package com.cloudact.frontend.dashboard;

import com.cloudact.frontend.apiclient.ApiCallException;
import com.cloudact.frontend.apiclient.ApiServiceClient;
import com.cloudact.frontend.apiclient.CostPointView;
import com.cloudact.frontend.apiclient.CostSummaryView;
import com.cloudact.frontend.auth.LocalAccounts;
import com.cloudact.model.OrgSlug;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/** The org dashboard: total spend over a period and its daily trend, read server-side from the API service. */
@Controller
class DashboardController {

    private final ApiServiceClient api;
    private final LocalAccounts accounts;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    DashboardController(ApiServiceClient api, LocalAccounts accounts, Clock clock) {
        this.api = api;
        this.accounts = accounts;
        this.clock = clock;
    }

    @GetMapping("/{orgSlug}/dashboard")
    String dashboard(@PathVariable String orgSlug, @RequestParam(defaultValue = "365") String range,
                     Principal user, Model model) {
        if (!OrgSlug.isValid(orgSlug) || !accounts.isMember(user.getName(), OrgSlug.of(orgSlug))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        OrgSlug org = OrgSlug.of(orgSlug);
        DashboardPeriod period = DashboardPeriod.parse(range);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate start = period.start(today);
        model.addAttribute("user", user.getName());
        try {
            CostSummaryView summary = api.summary(org, start, today);
            List<CostPointView> daily = api.dailyTrend(org, start, today);
            model.addAttribute("view", view(org, period, start, today, summary, daily));
        } catch (ApiCallException e) {
            model.addAttribute("view", new DashboardView(org.value(), period.key(), period.label(), start.toString(),
                    today.toString(), "USD", "-", "", "-", "-", "-", 0, 0, List.of(), "[]", periodOptions(),
                    "Costs could not be loaded: " + e.getMessage()));
        }
        return "dashboard";
    }

    private DashboardView view(OrgSlug org, DashboardPeriod period, LocalDate start, LocalDate end,
                               CostSummaryView summary, List<CostPointView> daily) {
        String currency = summary.currency();
        int daysWithData = daily.size();
        BigDecimal dailyRate = daysWithData == 0 ? BigDecimal.ZERO
                : summary.totalBilledCost().divide(BigDecimal.valueOf(daysWithData), 10, RoundingMode.HALF_UP);
        List<Map<String, Object>> points = daily.stream().map(p -> {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("date", p.date().toString());
            point.put("cost", p.billedCost().setScale(2, RoundingMode.HALF_UP));
            return point;
        }).toList();
        return new DashboardView(org.value(), period.key(), period.label(), start.toString(), end.toString(),
                currency, Money.format(summary.totalBilledCost(), currency), summary.totalBilledCost().toPlainString(),
                Money.format(dailyRate, currency), Money.format(summary.totalEffectiveCost(), currency),
                Money.format(summary.totalSavings(), currency), summary.recordCount(), daysWithData,
                summary.providers(), json.writeValueAsString(Map.of("currency", currency, "points", points)),
                periodOptions(), null);
    }

    private static List<DashboardView.PeriodOption> periodOptions() {
        return DashboardPeriod.all().stream().map(p -> new DashboardView.PeriodOption(p.key(), p.label())).toList();
    }
}
