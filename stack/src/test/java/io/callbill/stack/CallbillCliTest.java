package io.callbill.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallbillCliTest {

  private final Path home;
  private final CliRecorder cli;

  CallbillCliTest(@TempDir Path home) {
    this.home = home;
    this.cli = new CliRecorder(home);
  }

  private int run(String... args) {
    return cli.run(args);
  }

  @Test
  void tokenIsAnHs256JwtOverTheStacksSecretWithSubRoleAndExpiry() {
    assertThat(run("token", "--sub", "caller-1", "--role", "caller", "--ttl", "60")).isZero();

    String[] parts = cli.out().trim().split("\\.");
    assertThat(parts).hasSize(3);
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    assertThat(claims).contains("\"sub\":\"caller-1\"").contains("\"role\":\"caller\"").contains("\"exp\":");
    String secret = LocalTokens.secret(StackLayout.of(home).jwtSecret());
    assertThat(secret.getBytes(StandardCharsets.UTF_8).length).isGreaterThanOrEqualTo(32);
    byte[] expected = LocalTokens.hmac(secret, parts[0] + "." + parts[1]);
    assertThat(Base64.getUrlDecoder().decode(parts[2])).isEqualTo(expected);
  }

  @Test
  void theSecretIsCreatedReadableByItsOwnerOnly() throws Exception {
    assertThat(run("token", "--sub", "ops", "--role", "admin")).isZero();

    assertThat(java.nio.file.Files.getPosixFilePermissions(StackLayout.of(home).jwtSecret()))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void tokenCarriesAudienceAndIssuerWhenAskedAndThePlatformRole() {
    assertThat(run("token", "--sub", "media-1", "--role", "platform", "--aud", "callbill-api", "--iss",
        "https://idp.example")).isZero();

    String claims = new String(Base64.getUrlDecoder().decode(cli.out().trim()
        .split("\\.")[1]), StandardCharsets.UTF_8);
    assertThat(claims).contains("\"role\":\"platform\"").contains("\"aud\":\"callbill-api\"")
        .contains("\"iss\":\"https://idp.example\"");
  }

  @Test
  void tokenRefusesATtlOverADay() {
    assertThat(run("token", "--sub", "ops", "--role", "admin", "--ttl", "86401")).isEqualTo(2);
    assertThat(cli.err()).contains("--ttl must be a number of seconds from 1 to 86400");
    assertThat(run("token", "--sub", "ops", "--role", "admin", "--ttl", "86400")).isZero();
  }

  @Test
  void theSecretIsCreatedOnceAndKept() {
    run("token", "--sub", "a", "--role", "admin");
    String first = LocalTokens.secret(StackLayout.of(home).jwtSecret());
    run("token", "--sub", "b", "--role", "admin");
    assertThat(LocalTokens.secret(StackLayout.of(home).jwtSecret())).isEqualTo(first);
  }

  @Test
  void badArgumentsExitWith2AndSayWhy() {
    assertThat(run("token", "--sub", "x")).isEqualTo(2);
    assertThat(cli.err()).contains("needs --sub and --role");
    assertThat(run("token", "--sub", "x", "--role", "king")).isEqualTo(2);
    assertThat(cli.err()).contains("--role must be one of");
    assertThat(run("token", "--sub", "bad id!", "--role", "caller")).isEqualTo(2);
    assertThat(run("token", "--sub", "x", "--role", "caller", "--ttl", "soon")).isEqualTo(2);
    assertThat(run("up", "--frsh")).isEqualTo(2);
    assertThat(run("launch")).isEqualTo(2);
    assertThat(run()).isEqualTo(2);
  }

  @Test
  void helpIsPrintedForEachCommand() {
    assertThat(run("help")).isZero();
    assertThat(run("up", "--help")).isZero();
    assertThat(run("token", "--help")).isZero();
    assertThat(cli.out()).contains("usage: ./callbill up").contains("usage: ./callbill token");
  }

  @Test
  void upRefusesAPortInUse() throws Exception {
    try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      int code = cli.run(Map.of("CALLBILL_HTTP_PORT", Integer.toString(busy.getLocalPort())), "up");
      assertThat(code).isEqualTo(1);
      assertThat(cli.err()).contains("is in use");
    }
  }
}
