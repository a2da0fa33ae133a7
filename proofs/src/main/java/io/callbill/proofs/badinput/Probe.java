package io.callbill.proofs.badinput;

import java.util.Map;

/**
 * One hostile request of the catalogue.
 *
 * @param name what it tries, e.g. {@code "POST /male-user/calls/end: negative duration"}
 * @param token the bearer token, or null for none
 * @param body the raw body, or null for none
 * @param headers extra headers (a Content-Type here replaces application/json)
 */
public record Probe(String name, String method, String path, String token, String body, Map<String, String> headers) {

  public static Probe of(String name, String method, String path, String token, String body) {
    return new Probe(name, method, path, token, body, Map.of());
  }
}
