/**
 * Helpers shared by the provider packages: JSON field reading, PEM keys, secret handling, provider error bodies.
 * Public only so the provider sub-packages can reach them; not for use outside {@code com.cloudact.platform.providers}.
 */
package com.cloudact.platform.providers.internal;
