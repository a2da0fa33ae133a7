package io.callbill.api.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.core.env.Environment;

/**
 * GET requests to the application a {@code @SpringBootTest} started on random ports of 127.0.0.1: the API port, or
 * the management port. Imported as a bean ({@code @Import(LoopbackHttp.class)}); the ports are read from the
 * environment at each request, since they are known only once the servers listen.
 */
public final class LoopbackHttp {

  private final HttpClient http = HttpClient.newHttpClient();
  private final Environment environment;

  public LoopbackHttp(Environment environment) {
    this.environment = environment;
  }

  /** GET {@code path} on the API port; {@code token} (or null for none) goes in a bearer header. */
  public HttpResponse<String> get(String path, String token) throws Exception {
    return send("local.server.port", path, token);
  }

  /** GET {@code path} on the management port, without a token. */
  public HttpResponse<String> getManagement(String path) throws Exception {
    return send("local.management.port", path, null);
  }

  private HttpResponse<String> send(String portProperty, String path, String token) throws Exception {
    int port = environment.getRequiredProperty(portProperty, Integer.class);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      request.header("Authorization", TestTokens.bearer(token));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
