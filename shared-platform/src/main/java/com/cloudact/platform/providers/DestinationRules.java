package com.cloudact.platform.providers;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/** Which destinations {@link SafeHttp} refuses: metadata and internal names, and every non-public address range. */
final class DestinationRules {

    private static final Set<String> BLOCKED_NAMES = Set.of("metadata.google.internal", "metadata", "localhost");

    private DestinationRules() {
    }

    /** Metadata and internal names, refused before any lookup. {@code name} is lower case. */
    static boolean isBlockedName(String name) {
        String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return BLOCKED_NAMES.contains(bare) || bare.endsWith(".internal") || bare.endsWith(".localhost");
    }

    /** Why an address may not be contacted, or empty when it may. */
    static Optional<String> blockedReason(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local (cloud metadata)");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("private");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return Optional.of("unspecified");
            }
            if (first == 100 && (second & 0xc0) == 64) {
                return Optional.of("carrier-grade NAT");
            }
            if (first >= 240) {
                return Optional.of("reserved or broadcast");
            }
            return Optional.empty();
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return Optional.of("private (unique local)");
        }
        if (address instanceof Inet6Address v6 && (v6.isIPv4CompatibleAddress() || isNat64(b))) {
            try {
                return blockedReason(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
            } catch (UnknownHostException e) {
                return Optional.of("unparseable");
            }
        }
        return Optional.empty();
    }

    private static boolean isNat64(byte[] b) {
        return b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b
                && IntStream.range(4, 12).allMatch(i -> b[i] == 0);
    }
}
