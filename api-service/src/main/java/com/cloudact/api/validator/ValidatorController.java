package com.cloudact.api.validator;

import com.cloudact.api.ratelimit.NotRateLimited;
import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.auth.OrgCaller;
import jakarta.validation.Valid;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Called by the pipeline service with the org's key around every run: reserve quota, then release it. */
@RestController
@NotRateLimited
@RequestMapping("/api/v1/validator")
class ValidatorController {

    private final ValidatorService validator;

    ValidatorController(ValidatorService validator) {
        this.validator = validator;
    }

    @PostMapping("/validate/{org_slug}")
    ValidationResult validate(@PathVariable("org_slug") OrgSlug org, OrgCaller caller,
                              @Valid @RequestBody ValidateRequest request) {
        return validator.validate(org, request);
    }

    @PostMapping("/complete/{org_slug}")
    CompletionResult complete(@PathVariable("org_slug") OrgSlug org, OrgCaller caller,
                              @RequestParam("pipeline_status") String pipelineStatus,
                              @RequestParam(name = "reservation_date", required = false) String reservationDate) {
        if (!pipelineStatus.equals("SUCCESS") && !pipelineStatus.equals("FAILED")) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, "pipeline_status must be SUCCESS or FAILED");
        }
        LocalDate date = null;
        if (reservationDate != null) {
            try {
                date = LocalDate.parse(reservationDate);
            } catch (DateTimeParseException e) {
                throw new CloudActException(ErrorCode.INVALID_PARAMETER, "reservation_date must be YYYY-MM-DD");
            }
        }
        return validator.complete(org, pipelineStatus.equals("SUCCESS"), date);
    }
}
