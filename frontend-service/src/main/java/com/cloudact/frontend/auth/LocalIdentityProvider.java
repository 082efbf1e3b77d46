package com.cloudact.frontend.auth;

import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** The embedded identity provider: accounts with password hashes in the app database's {@code local_users}. */
@Component
class LocalIdentityProvider implements UserDetailsService {

    private final JdbcClient jdbc;

    LocalIdentityProvider(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        return jdbc.sql("SELECT email, password_hash FROM local_users WHERE email = :email")
                .param("email", normalized)
                .query((rs, row) -> User.withUsername(rs.getString("email")).password(rs.getString("password_hash"))
                        .authorities(List.of(new SimpleGrantedAuthority("ROLE_USER"))).build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("No account"));
    }
}
