package com.cloudact.frontend.auth;

import com.cloudact.model.OrgSlug;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts of the local identity provider and their organization memberships. */
@Service
public class LocalAccounts {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    LocalAccounts(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    /** Creates a user with a profile and returns its id; the password is stored only as a hash. */
    @Transactional
    public UUID createUser(String email, String password, String fullName) {
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO profiles (id, email, full_name) VALUES (:id, :email, :name)")
                .param("id", id).param("email", normalized).param("name", fullName).update();
        jdbc.sql("INSERT INTO local_users (user_id, email, password_hash) VALUES (:id, :email, :hash)")
                .param("id", id).param("email", normalized).param("hash", passwords.encode(password)).update();
        return id;
    }

    public Optional<UUID> findUser(String email) {
        return jdbc.sql("SELECT id FROM profiles WHERE email = :email")
                .param("email", email.strip().toLowerCase(Locale.ROOT)).query(UUID.class).optional();
    }

    public void addMember(UUID orgId, UUID userId, String role) {
        jdbc.sql("""
                INSERT INTO organization_members (id, org_id, user_id, role) VALUES (:id, :org, :user, :role)
                ON CONFLICT (org_id, user_id) DO NOTHING""")
                .param("id", UUID.randomUUID()).param("org", orgId).param("user", userId).param("role", role).update();
    }

    /** The orgs the user is an active member of, oldest membership first. */
    public java.util.List<OrgSlug> memberships(String email) {
        return jdbc.sql("""
                SELECT o.org_slug FROM organization_members m
                JOIN organizations o ON o.id = m.org_id
                JOIN profiles p ON p.id = m.user_id
                WHERE p.email = :email AND m.status = 'active' AND NOT o.is_deleted
                ORDER BY m.joined_at""")
                .param("email", email.toLowerCase(Locale.ROOT)).query(String.class).list()
                .stream().map(OrgSlug::of).toList();
    }

    public boolean isMember(String email, OrgSlug org) {
        return memberships(email).contains(org);
    }
}
