package com.cloudact.api.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A per-minute limit for one route, counted per organization (or per caller address on routes without an org);
 * routes without it share the per-org default. {@code global} counts all root-key calls together (admin
 * operations); other callers of such a route are left to authentication and never use its budget.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RateLimited {

    int perMinute();

    boolean global() default false;
}
