package com.cloudact.scheduler.jobs;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/** Runs the job named by {@code --job=<name>}, if any; the exit code tells Cloud Run whether it worked. */
@Component
class JobCommand implements ApplicationRunner, ExitCodeGenerator {

    private final SchedulerJobs jobs;
    private int exitCode;

    JobCommand(SchedulerJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption("job")) {
            return;
        }
        try {
            jobs.run(args.getOptionValues("job").getFirst());
        } catch (RuntimeException e) {
            exitCode = 1;
            throw e;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
