package com.cloudact.pipeline.trigger;

import java.nio.file.Path;

/** The billing file a run imports, and whether it is a temporary upload to delete afterwards. */
record RunInput(Path path, String displayName, boolean temporary) {
}
