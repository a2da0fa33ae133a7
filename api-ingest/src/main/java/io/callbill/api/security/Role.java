package io.callbill.api.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * The roles of the {@code role} claim and the routes each may use. {@code platform} is a service account of the call
 * platform's media layer: it reports a call's accept, heartbeats and end for any call, and nothing else (it cannot
 * start calls or move coins).
 */
public enum Role {
  CALLER("caller", "/male-user/"),
  RECEIVER("receiver", "/female-user/"),
  ADMIN("admin", "/admin/"),
  PLATFORM("platform", "/platform/");

  /** The authority prefix Spring Security's {@code hasRole} expects. */
  public static final String AUTHORITY_PREFIX = "ROLE_";

  private final String claim;
  private final String routePrefix;

  Role(String claim, String routePrefix) {
    this.claim = claim;
    this.routePrefix = routePrefix;
  }

  /** The value of the {@code role} claim. */
  public String claim() {
    return claim;
  }

  public String routePattern() {
    return routePrefix + "**";
  }

  public String authority() {
    return AUTHORITY_PREFIX + claim;
  }

  /**
   * The role a {@code role} claim names: exactly one known role as a single string. A list, a space-separated string
   * ({@code "caller admin"}), any other case or an unknown name names none, so the token is refused rather than
   * read as several roles.
   */
  public static Optional<Role> ofClaim(Object claim) {
    if (!(claim instanceof String name)) {
      return Optional.empty();
    }
    return Arrays.stream(values()).filter(role -> role.claim.equals(name)).findFirst();
  }

  /** The known role names, for messages. */
  public static String claims() {
    return String.join(", ", Arrays.stream(values()).map(Role::claim).toList());
  }

  public static Optional<Role> requiredFor(String path) {
    return Arrays.stream(values()).filter(role -> path != null && path.startsWith(role.routePrefix)).findFirst();
  }
}
