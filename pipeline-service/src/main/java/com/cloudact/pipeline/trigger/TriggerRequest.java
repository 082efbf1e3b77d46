package com.cloudact.pipeline.trigger;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.BindParam;

/**
 * Parameters of a run, from a JSON body, multipart form fields or the query string (the query wins).
 * {@code file_path} names a billing file relative to the operator's import directory; {@code credential_id}
 * names the account an uploaded file belongs to.
 */
record TriggerRequest(@BindParam("trigger_by") @Size(max = 200) String triggerBy,
                      @BindParam("date") @Pattern(regexp = DATE, message = "must be YYYY-MM-DD") String date,
                      @BindParam("start_date") @Pattern(regexp = DATE, message = "must be YYYY-MM-DD") String startDate,
                      @BindParam("end_date") @Pattern(regexp = DATE, message = "must be YYYY-MM-DD") String endDate,
                      @BindParam("force_refresh") Boolean forceRefresh,
                      @BindParam("credential_id") @Pattern(regexp = "^[A-Za-z0-9_.:-]{1,100}$",
                              message = "must be 1-100 letters, digits or _ . : -") String credentialId,
                      @BindParam("file_path") @Size(max = 500) String filePath) {

    /** A calendar date, checked again when parsed. */
    static final String DATE = "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$";

    static final TriggerRequest EMPTY = new TriggerRequest(null, null, null, null, null, null, null);

    TriggerRequest overriddenBy(String queryDate, String queryStart, String queryEnd) {
        return new TriggerRequest(triggerBy, queryDate != null ? queryDate : date,
                queryStart != null ? queryStart : startDate, queryEnd != null ? queryEnd : endDate, forceRefresh,
                credentialId, filePath);
    }
}
