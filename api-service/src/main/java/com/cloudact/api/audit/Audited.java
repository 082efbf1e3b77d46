package com.cloudact.api.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a write route whose successful calls the {@link AuditInterceptor} records, for writes whose service keeps
 * no audit row of its own. The row names the route's org (or {@link AuditLog#PLATFORM} for platform-wide work).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {

    AuditLog.Action action();

    AuditLog.Resource resource();
}
