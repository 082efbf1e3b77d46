package com.cloudact.api.costs;

import java.util.List;

/** The envelope of cost reads: {@code summary} and/or {@code data}, with cache and timing facts. */
record CostResponse(boolean success, String orgSlug, String currency, CostSummary summary, List<CostPoint> data,
                    String granularity, boolean cacheHit, long queryTimeMs) {
}
