package com.cloudact.pipeline.trigger;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.pipeline.PipelineProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Where a run's billing file comes from: an upload (kept in the work directory for the run's lifetime) or a file
 * the operator placed under the import directory, named by a relative path that may not leave that directory.
 */
@Component
class RunInputs {

    private final Path importDirectory;
    private final Path workDirectory;

    RunInputs(PipelineProperties properties) {
        this.importDirectory = properties.importDirectory().toAbsolutePath().normalize();
        this.workDirectory = properties.workDirectory().toAbsolutePath().normalize();
    }

    Optional<RunInput> resolve(String runId, MultipartFile upload, String filePath) {
        if (upload != null && !upload.isEmpty()) {
            if (filePath != null) {
                throw new CloudActException(ErrorCode.BAD_REQUEST, "Give an uploaded file or a file_path, not both");
            }
            return Optional.of(store(runId, upload));
        }
        if (filePath == null || filePath.isBlank()) {
            return Optional.empty();
        }
        Path candidate = importDirectory.resolve(filePath).normalize();
        if (filePath.contains("\0") || !candidate.startsWith(importDirectory)) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, "file_path must stay inside the import directory");
        }
        if (!Files.isRegularFile(candidate)) {
            throw new CloudActException(ErrorCode.NOT_FOUND, "No file " + filePath + " in the import directory");
        }
        return Optional.of(new RunInput(candidate, candidate.getFileName().toString(), false));
    }

    private RunInput store(String runId, MultipartFile upload) {
        String name = safeName(upload.getOriginalFilename());
        try {
            Path directory = Files.createDirectories(workDirectory.resolve(runId));
            Path target = directory.resolve(name);
            try (InputStream in = upload.getInputStream()) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return new RunInput(target, name, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the uploaded file", e);
        }
    }

    void release(RunInput input) {
        if (!input.temporary()) {
            return;
        }
        try (Stream<Path> files = Files.walk(input.path().getParent())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String safeName(String original) {
        String base = original == null ? "" : original.substring(original.replace('\\', '/').lastIndexOf('/') + 1);
        String clean = base.replaceAll("[^A-Za-z0-9._-]", "_");
        return clean.isBlank() || clean.startsWith(".") ? "upload.csv" : clean;
    }
}
