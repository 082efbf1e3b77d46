package com.cloudact.platform.web;

import com.cloudact.model.OrgSlug;
import org.springframework.core.convert.converter.Converter;

/** Lets controllers take {@code @PathVariable("org_slug") OrgSlug}; a malformed slug is a 400. */
public final class OrgSlugConverter implements Converter<String, OrgSlug> {

    @Override
    public OrgSlug convert(String source) {
        return OrgSlug.of(source);
    }
}
