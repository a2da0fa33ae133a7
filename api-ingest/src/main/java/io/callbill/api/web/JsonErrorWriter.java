package io.callbill.api.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes a failure envelope where no controller runs (servlet filters, the security filter chain). */
@Component
public class JsonErrorWriter {

  private final JsonMapper json;

  public JsonErrorWriter(JsonMapper json) {
    this.json = json;
  }

  public void write(HttpServletResponse response, int status, String message) throws IOException {
    write(response, status, ApiResponse.failure(message));
  }

  public void write(HttpServletResponse response, int status, String field, String message) throws IOException {
    write(response, status, ApiResponse.invalid(field, message));
  }

  private void write(HttpServletResponse response, int status, ApiResponse body) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), body);
  }
}
