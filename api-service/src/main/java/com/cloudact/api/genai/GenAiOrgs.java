package com.cloudact.api.genai;

import com.cloudact.api.organizations.OrgProfile;
import com.cloudact.api.organizations.OrgProfiles;
import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.web.RequestId;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** What the GenAI features share: the org's active profile (and so its dataset), and rows as JSON objects. */
@Component
public class GenAiOrgs {

    private final OrgProfiles profiles;

    GenAiOrgs(OrgProfiles profiles) {
        this.profiles = profiles;
    }

    /** The onboarded, active org, or 404. */
    public OrgProfile active(OrgSlug org) {
        return profiles.find(org).filter(OrgProfile::active).orElseThrow(() ->
                new CloudActException(ErrorCode.ORG_NOT_FOUND, "Organization " + org + " is not onboarded or not active"));
    }

    /** The request id, the {@code x_run_id} of an API write. */
    public static String runId() {
        String id = RequestId.current();
        return id == null ? UUID.randomUUID().toString() : id;
    }

    /** A result row as a JSON object: exact decimals without the warehouse's trailing zeros. */
    public static Map<String, Object> json(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((column, value) -> out.put(column, value instanceof BigDecimal d ? exact(d) : value));
        return out;
    }

    /** 1.500000000000000000 → 1.5, 100.000 → 100; never a float. */
    public static BigDecimal exact(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
