package com.cloudact.api.validator;

import java.time.LocalDate;

/** Answer of {@code POST /validator/complete/{org}}. */
record CompletionResult(boolean success, String orgSlug, String pipelineStatus, LocalDate reservationDate,
                        String message) {
}
