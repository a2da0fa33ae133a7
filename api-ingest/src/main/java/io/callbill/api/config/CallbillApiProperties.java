package io.callbill.api.config;

import io.callbill.schemas.Topics;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the API under {@code callbill.*}; every one can come from the environment by Spring's relaxed binding
 * ({@code CALLBILL_TOPIC_PREFIX}, {@code CALLBILL_REPLY_TIMEOUT}, {@code CALLBILL_JWT_SECRET}, ...).
 *
 * @param topicPrefix prefix of every topic name, {@code callbill.} by default
 * @param replyTimeout how long a request waits for billing-streams' reply before answering 503
 * @param maxRequestBody the largest request body accepted; larger ones get 400
 * @param jwt how bearer tokens are verified
 * @param jdbc the database the JDBC sink fills, read by history, stats and rating (optional)
 * @param rateLimit requests per user and per client address
 */
@ConfigurationProperties("callbill")
public record CallbillApiProperties(
    @DefaultValue(Topics.DEFAULT_PREFIX) String topicPrefix,
    @DefaultValue("5s") Duration replyTimeout,
    @DefaultValue("16KB") DataSize maxRequestBody,
    @DefaultValue Jwt jwt,
    @DefaultValue Jdbc jdbc,
    @DefaultValue RateLimit rateLimit) {

  /**
   * Token verification. By default HS256 with {@code secret} (at least 32 bytes). With {@code jwkSetUri} set, tokens
   * are verified against that JWK set instead (algorithms {@code jwsAlgorithms}), and {@code audience} and
   * {@code issuer} are required. With {@code audience} set, the {@code aud} claim must name it; with {@code issuer}
   * set, the {@code iss} claim must equal it; in either mode. {@code clockSkew} is the tolerance on {@code exp},
   * {@code nbf} and {@code iat}.
   */
  public record Jwt(String secret, String issuer, String audience, String jwkSetUri,
      @DefaultValue("RS256") List<String> jwsAlgorithms,
      @DefaultValue("60s") Duration clockSkew) {

    /** Never prints the secret. */
    @Override
    public String toString() {
      return "Jwt[secret=" + (secret == null ? null : "***") + ", issuer=" + issuer + ", audience=" + audience
          + ", jwkSetUri=" + jwkSetUri + ", jwsAlgorithms=" + jwsAlgorithms + ", clockSkew=" + clockSkew + "]";
    }
  }

  /**
   * Rate limits: at most so many requests per {@code period}, counted per user (the token's {@code sub}) for
   * authenticated requests and per client address for the others (no token, or a refused one), writes (POST, PUT,
   * PATCH, DELETE) and reads (GET, HEAD, OPTIONS) separately. Past a limit the answer is 429 with
   * {@code Retry-After}; the health probes are never limited.
   */
  public record RateLimit(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("1s") Duration period,
      @DefaultValue("20") int userWrites,
      @DefaultValue("50") int userReads,
      @DefaultValue("20") int addressWrites,
      @DefaultValue("50") int addressReads) {
  }

  /**
   * The PostgreSQL database of the sink tables ({@code CALLBILL_JDBC_URL}, {@code CALLBILL_JDBC_USER},
   * {@code CALLBILL_JDBC_PASSWORD}). Without a URL the API runs without it: the routes that read it answer 503.
   *
   * @param url JDBC URL, e.g. {@code jdbc:postgresql://db:5432/callbill}; blank means no database
   * @param queryTimeout how long one statement may run before the request answers 503
   */
  public record Jdbc(String url, String user, String password,
      @DefaultValue("5s") Duration queryTimeout) {

    public boolean configured() {
      return url != null && !url.isBlank();
    }

    /** Never prints the password. */
    @Override
    public String toString() {
      return "Jdbc[url=" + url + ", user=" + user + ", password=" + (password == null ? null : "***")
          + ", queryTimeout=" + queryTimeout + "]";
    }
  }
}
