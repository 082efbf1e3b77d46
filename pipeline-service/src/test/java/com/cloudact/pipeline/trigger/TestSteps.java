package com.cloudact.pipeline.trigger;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.Lineage;
import com.cloudact.pipeline.engine.StepContext;
import com.cloudact.pipeline.engine.StepProcessor;
import com.cloudact.pipeline.engine.StepResult;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.TableRef;
import com.cloudact.platform.warehouse.Warehouse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Step processors that exist only in tests (pipelines under {@code src/test/resources/pipelines/test/}); they are
 * beans of the shared test context, so runs through HTTP can use them.
 */
final class TestSteps {

    /** What the steps saw and did, by run id. */
    static final Map<String, Map<String, Object>> CONFIGS = new ConcurrentHashMap<>();
    static final Map<String, Boolean> INTERRUPTED = new ConcurrentHashMap<>();
    static final Map<String, Boolean> STARTED = new ConcurrentHashMap<>();

    private TestSteps() {
    }

    /** {@code test.record}: keeps its resolved configuration. */
    @Component
    static class Record implements StepProcessor {
        @Override
        public String type() {
            return "test.record";
        }

        @Override
        public StepResult run(StepContext context) {
            Map<String, Object> config = new HashMap<>(context.config());
            config.values().removeIf(java.util.Objects::isNull);
            CONFIGS.put(context.runId(), config);
            return new StepResult(1, Map.of());
        }
    }

    /** {@code test.sleep}: sleeps {@code sleep_ms}, noting whether it was interrupted. */
    @Component
    static class Sleep implements StepProcessor {
        @Override
        public String type() {
            return "test.sleep";
        }

        @Override
        public StepResult run(StepContext context) throws InterruptedException {
            STARTED.put(context.runId(), true);
            try {
                Thread.sleep(((Number) context.config().get("sleep_ms")).longValue());
            } catch (InterruptedException e) {
                INTERRUPTED.put(context.runId(), true);
                throw e;
            }
            return new StepResult(0, Map.of());
        }
    }

    /** {@code test.fail}: fails with bad input (not retried). */
    @Component
    static class Fail implements StepProcessor {
        @Override
        public String type() {
            return "test.fail";
        }

        @Override
        public StepResult run(StepContext context) {
            throw new CloudActException(ErrorCode.BAD_REQUEST, "planned failure");
        }
    }

    /**
     * {@code test.slow_replace}: replaces the AWS raw slices of {@code credential_id} with the same rows at zero
     * cost, in one transaction whose source query burns CPU for a while first; a timeout kills it mid-way.
     */
    @Component
    static class SlowReplace implements StepProcessor {
        private final Warehouse warehouse;

        SlowReplace(Warehouse warehouse) {
            this.warehouse = warehouse;
        }

        @Override
        public String type() {
            return "test.slow_replace";
        }

        @Override
        public StepResult run(StepContext context) {
            STARTED.put(context.runId(), true);
            long work = ((Number) context.config().get("work_rows")).longValue();
            SqlText source = SqlText.of("""
                    SELECT t.* REPLACE (CAST(0 AS DECIMAL(38, 9)) AS unblended_cost)
                    FROM ${org}.cloud_aws_billing_raw_daily t
                    WHERE t.x_credential_id = @credential
                      AND (SELECT COUNT(*) FROM range(@work) r WHERE hash(r.range) % 7 = 3) >= 0""")
                    .with("org", context.orgDataset());
            long rows = warehouse.replaceSlices(TableRef.of(context.orgDataset(), "cloud_aws_billing_raw_daily"),
                    Lineage.SLICE_KEY, source, Map.of("credential", context.config().get("credential_id"), "work", work));
            return new StepResult(rows, Map.of());
        }
    }
}
