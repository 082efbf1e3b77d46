package com.cloudact.api.organizations;

import com.cloudact.model.CsvLine;
import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The hierarchy every new organization starts with: three levels (department → project → team) and the
 * entities of {@code hierarchy/default_hierarchy.csv}, written in one script so an org never has half of it.
 */
@Component
class DefaultHierarchy {

    private record Level(int level, String code, String name, String plural, Integer parent, boolean leaf, String prefix) {
    }

    private static final List<Level> LEVELS = List.of(
            new Level(1, "department", "Department", "Departments", null, false, "DEPT-"),
            new Level(2, "project", "Project", "Projects", 1, false, "PROJ-"),
            new Level(3, "team", "Team", "Teams", 2, true, "TEAM-"));
    private static final SqlText DELETE = SqlText.of("""
            DELETE FROM ${central}.org_hierarchy WHERE org_slug = @org;
            DELETE FROM ${central}.org_hierarchy_levels WHERE org_slug = @org;""").with("central", DatasetName.CENTRAL);

    private record Entity(String id, String name, String levelCode, String parentId, String description) {
    }

    private final Warehouse warehouse;
    private final Clock clock;
    private final List<Entity> entities = read();

    DefaultHierarchy(Warehouse warehouse, Clock clock) {
        this.warehouse = warehouse;
        this.clock = clock;
    }

    void seed(OrgSlug org) {
        Instant now = clock.instant();
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        params.put("now", now);
        StringBuilder script = new StringBuilder();
        for (Level level : LEVELS) {
            String p = "l" + level.level() + "_";
            params.put(p + "id", UUID.randomUUID().toString());
            params.put(p + "level", (long) level.level());
            params.put(p + "code", level.code());
            params.put(p + "name", level.name());
            params.put(p + "plural", level.plural());
            params.put(p + "parent", level.parent() == null ? null : (long) level.parent());
            params.put(p + "leaf", level.leaf());
            params.put(p + "prefix", level.prefix());
            script.append("""
                    INSERT INTO ${central}.org_hierarchy_levels (id, org_slug, level, level_code, level_name,
                        level_name_plural, parent_level, is_required, is_leaf, id_prefix, id_auto_generate,
                        display_order, is_active, created_at, created_by)
                    VALUES (@%1$sid, @org, @%1$slevel, @%1$scode, @%1$sname, @%1$splural, @%1$sparent, FALSE, @%1$sleaf,
                        @%1$sprefix, FALSE, @%1$slevel, TRUE, @now, 'system');
                    """.formatted(p));
        }
        Map<String, Entity> byId = new LinkedHashMap<>();
        entities.forEach(e -> byId.put(e.id(), e));
        int n = 0;
        for (Entity entity : entities) {
            List<Entity> chain = new ArrayList<>();
            for (Entity e = entity; e != null; e = e.parentId() == null ? null : byId.get(e.parentId())) {
                chain.addFirst(e);
            }
            String p = "e" + n++ + "_";
            params.put(p + "id", UUID.randomUUID().toString());
            params.put(p + "entity", entity.id());
            params.put(p + "name", entity.name());
            params.put(p + "level", (long) chain.size());
            params.put(p + "code", entity.levelCode());
            params.put(p + "parent", entity.parentId());
            params.put(p + "path", "/" + String.join("/", chain.stream().map(Entity::id).toList()));
            params.put(p + "ids", chain.stream().map(Entity::id).toList());
            params.put(p + "names", chain.stream().map(Entity::name).toList());
            params.put(p + "depth", (long) chain.size() - 1);
            params.put(p + "description", entity.description());
            params.put(p + "sort", (long) n);
            script.append("""
                    INSERT INTO ${central}.org_hierarchy (id, org_slug, entity_id, entity_name, level, level_code,
                        parent_id, path, path_ids, path_names, depth, description, sort_order, is_active, created_by,
                        version, created_at)
                    VALUES (@%1$sid, @org, @%1$sentity, @%1$sname, @%1$slevel, @%1$scode, @%1$sparent, @%1$spath,
                        @%1$sids, @%1$snames, @%1$sdepth, @%1$sdescription, @%1$ssort, TRUE, 'system', 1, @now);
                    """.formatted(p));
        }
        warehouse.executeScript(SqlText.of(script.toString()).with("central", DatasetName.CENTRAL), params);
    }

    void delete(OrgSlug org) {
        warehouse.executeScript(DELETE, Map.of("org", org.value()));
    }

    private static List<Entity> read() {
        try (InputStream in = DefaultHierarchy.class.getClassLoader().getResourceAsStream("hierarchy/default_hierarchy.csv")) {
            if (in == null) {
                throw new IllegalStateException("hierarchy/default_hierarchy.csv is missing");
            }
            List<Entity> rows = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    List<String> f = CsvLine.parse(line);
                    rows.add(new Entity(f.get(0), f.get(1), f.get(2), f.get(3).isEmpty() ? null : f.get(3), f.get(4)));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
