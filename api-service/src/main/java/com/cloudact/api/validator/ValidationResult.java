package com.cloudact.api.validator;

import java.time.LocalDate;
import java.util.Map;

/**
 * The validator's answer. Business refusals (quota, disabled pipeline, inactive subscription) keep the
 * reference's shape: HTTP 200 with {@code valid=false} and an {@code error_code}.
 */
record ValidationResult(boolean valid, String orgSlug, String orgDatasetId, String pipelineId,
                        Map<String, Object> pipelineConfig, Map<String, Object> subscription,
                        Map<String, Object> quota, Map<String, Object> credentials, LocalDate reservationDate,
                        String error, String errorCode) {

    static ValidationResult refused(String org, String pipelineId, String errorCode, String error) {
        return new ValidationResult(false, org, null, pipelineId, null, null, null, null, null, error, errorCode);
    }
}
