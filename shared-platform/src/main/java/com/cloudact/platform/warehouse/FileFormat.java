package com.cloudact.platform.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Formats a warehouse can load. Detected from the file's first bytes, not its name. */
public enum FileFormat {
    CSV, CSV_GZIP, PARQUET;

    public static FileFormat detect(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                return CSV_GZIP;
            }
            if (head.length == 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') {
                return PARQUET;
            }
            return CSV;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
