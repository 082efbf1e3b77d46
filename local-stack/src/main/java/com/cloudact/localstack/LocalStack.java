package com.cloudact.localstack;

import com.cloudact.localstack.demo.DemoSeeder;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@code ./scripts/run-local.sh}: CloudAct on one machine with embedded stores and a demo organization. Prints
 * the URLs and the demo login, then serves until stopped (Ctrl-C).
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) {
        LocalStackSettings settings = LocalStackSettings.fromEnvironment();
        long started = System.nanoTime();
        RunningStack stack = LocalStackRunner.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        DemoSeeder.Demo demo = new DemoSeeder(stack).ensureSeeded();
        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        System.out.printf("""

                ================================================================================
                 CloudAct is running (embedded defaults, data in %s) - ready in %d s
                   Frontend   %s      sign in as %s / %s
                   API        %s      root key in %s
                   Pipeline   %s
                 Demo organization %s: AWS, GCP, Azure and OCI billing %s .. %s, %d line items,
                   90 days of usage of the seven GenAI providers, a dozen SaaS plans:
                   cloud %s + GenAI %s + SaaS %s = total %s %s (shown on the dashboard; GenAI billed
                   through a cloud counts only in months without that cloud's bill, %s in all)
                 Stop with Ctrl-C; data stays for the next start.
                ================================================================================
                %n""", settings.dataDirectory(), seconds, stack.frontendUrl(), demo.email(), demo.password(),
                stack.apiUrl(), settings.dataDirectory().resolve("keys/root-key"), stack.pipelineUrl(), demo.org(),
                demo.firstDay(), demo.lastDay(), demo.lineItems(), cents(demo.cloudCost()),
                cents(demo.genAiFocusCost()), cents(demo.saasCost()), cents(demo.totalBilledCost()), demo.currency(),
                cents(demo.genAiCost()));
    }

    private static String cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
