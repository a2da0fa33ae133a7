package io.callbill.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code ./callbill token}: a JWT signed with the local stack's secret, for curl and the proofs. */
final class TokenCommand implements Command {

  static final String USAGE = """
      usage: ./callbill token --sub ID --role caller|receiver|admin|platform [--ttl SECONDS] [--aud AUDIENCE]
                              [--iss ISSUER]

      Prints a JWT signed with the local stack's secret (.callbill/jwt-secret, created if missing).
      ID matches ^[A-Za-z0-9_-]{1,64}$. --ttl is the validity in seconds (default 3600, at most 86400).
      --aud and --iss set the aud and iss claims; by default the ones the local stack's API requires
      (callbill-api, callbill-local-stack): another value mints a token it refuses.
      """;

  @Override
  public String name() {
    return "token";
  }

  @Override
  public String usage() {
    return "token --sub ID --role ROLE [--ttl SECONDS] [--aud AUDIENCE] [--iss ISSUER]";
  }

  @Override
  public String description() {
    return """
        print a JWT the local stack accepts; ROLE is caller, receiver, admin
        or platform; --ttl defaults to 3600, at most 86400""";
  }

  @Override
  public int run(List<String> args, Invocation invocation) {
    if (Command.wantsHelp(args)) {
      invocation.out().print(USAGE);
      return 0;
    }
    Map<String, String> options = Arguments.options(args, List.of("--sub", "--role", "--ttl", "--aud", "--iss"),
        USAGE);
    String sub = options.get("--sub");
    String role = options.get("--role");
    if (sub == null || role == null) {
      throw new IllegalArgumentException("token needs --sub and --role\n" + USAGE);
    }
    long ttl = Arguments.parseLong("--ttl", options.getOrDefault("--ttl", "3600"));
    String audience = options.getOrDefault("--aud", LocalTokens.AUDIENCE);
    String issuer = options.getOrDefault("--iss", LocalTokens.ISSUER);
    invocation.out().println(LocalTokens.token(LocalTokens.secret(invocation.layout().jwtSecret()), sub, role,
        Duration.ofSeconds(ttl), Instant.now(), audience, issuer));
    return 0;
  }
}
