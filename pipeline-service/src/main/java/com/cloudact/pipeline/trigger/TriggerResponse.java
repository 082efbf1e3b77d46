package com.cloudact.pipeline.trigger;

/** Answer of a trigger: the run id to poll, and its status (PENDING, or the final one when waited for). */
record TriggerResponse(String pipelineLoggingId, String pipelineId, String orgSlug, String status, String message,
                       String requestId) {
}
