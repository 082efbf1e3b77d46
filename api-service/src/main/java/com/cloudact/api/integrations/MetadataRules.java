package com.cloudact.api.integrations;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.Provider;
import com.cloudact.model.ProviderCategory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What metadata each provider's integration accepts: a fixed set of string fields, each with its format. Fields the
 * credential itself determines (project, account, subscription, tenancy) are taken from the credential and cannot
 * be set by hand.
 */
final class MetadataRules {

    static final int MAX_BYTES = 50 * 1024;
    private static final int MAX_VALUE_LENGTH = 1024;
    private static final Pattern TEXT = Pattern.compile("[^<>`\\p{Cntrl}]*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,200}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{2,40}");
    private static final Pattern BQ_TABLE = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]\\.[A-Za-z0-9_]{1,1024}\\.[A-Za-z0-9_$*-]{1,1024}");
    private static final Pattern S3_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_.=/-]{0,512}");
    private static final Pattern OCID = Pattern.compile("ocid1\\.[a-z]+\\.[a-z0-9][a-z0-9.-]{0,250}");

    private static final Pattern PROJECTS = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9](, ?[a-z][a-z0-9-]{4,28}[a-z0-9]){0,49}");
    private static final Pattern REGIONS = Pattern.compile("[a-z0-9-]{2,40}(, ?[a-z0-9-]{2,40}){0,39}");

    private static final Map<String, Pattern> COMMON = Map.of("environment", NAME, "notes", TEXT);
    /**
     * {@code genai_usage} opts a cloud credential into reading the usage of the GenAI services billed through that
     * cloud (comma-separated provider ids); run-all then runs their pipelines with it.
     */
    private static final Map<Provider, Map<String, Pattern>> FIELDS = Map.of(
            Provider.GCP, Map.of("billing_export_table", BQ_TABLE, "detailed_export_table", BQ_TABLE,
                    "pricing_export_table", BQ_TABLE, "region", REGION,
                    "genai_usage", Pattern.compile("(gemini|gcp_vertex)(, ?(gemini|gcp_vertex))?"),
                    "vertex_project_ids", PROJECTS),
            Provider.AWS, Map.of("cur_bucket", S3_BUCKET, "cur_prefix", PATH, "cur_report_name", NAME,
                    "region", REGION, "genai_usage", Pattern.compile("aws_bedrock"), "regions", REGIONS),
            Provider.AZURE, Map.of("billing_scope", PATH, "export_storage_account", NAME, "export_container", NAME,
                    "export_root_folder", PATH, "export_name", NAME, "genai_usage", Pattern.compile("azure_openai")),
            Provider.OCI, Map.of("compartment_ocid", OCID));
    private static final Map<String, Pattern> GENAI = Map.of("project_id", NAME, "organization_id", NAME);

    private MetadataRules() {
    }

    /**
     * Checks user-supplied metadata for a provider.
     *
     * @param derived the fields the credential determines; setting one to another value is refused
     * @return the metadata as strings, in the order given
     */
    static Map<String, String> check(Provider provider, Map<String, Object> metadata, Map<String, String> derived) {
        Map<String, String> checked = new LinkedHashMap<>();
        if (metadata == null) {
            return checked;
        }
        Map<String, Pattern> allowed = allowed(provider);
        for (Map.Entry<String, Object> field : metadata.entrySet()) {
            String key = field.getKey();
            Object value = field.getValue();
            if (value == null) {
                continue;
            }
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw invalid("metadata." + key + " must be a string");
            }
            String text = value.toString();
            if (derived.containsKey(key)) {
                if (!derived.get(key).equals(text)) {
                    throw invalid("metadata." + key + " comes from the credential and cannot be changed");
                }
                continue;
            }
            Pattern format = allowed.get(key);
            if (format == null) {
                throw invalid("Unknown metadata field '" + key + "' for " + provider.displayName()
                        + "; allowed: " + new TreeSet<>(allowed.keySet()));
            }
            if (text.length() > MAX_VALUE_LENGTH && !"notes".equals(key) || text.length() > 4 * MAX_VALUE_LENGTH) {
                throw invalid("metadata." + key + " is too long");
            }
            if (!format.matcher(text).matches()) {
                throw invalid("metadata." + key + " has an invalid format");
            }
            checked.put(key, text);
        }
        return checked;
    }

    private static Map<String, Pattern> allowed(Provider provider) {
        Map<String, Pattern> allowed = new LinkedHashMap<>(COMMON);
        allowed.putAll(provider.category() == ProviderCategory.GENAI ? GENAI : FIELDS.getOrDefault(provider, Map.of()));
        return allowed;
    }

    private static CloudActException invalid(String message) {
        return new CloudActException(ErrorCode.INVALID_PARAMETER, message);
    }
}
