package io.callbill.api.web.request;

import io.callbill.avro.Agency;

/** Body of {@code PUT /admin/agencies/{id}}. */
public record AgencyRequest(String name) {

  public Agency toAgency(String agencyId) {
    return new Agency(agencyId, Inputs.optionalText("name", name, Inputs.MAX_NAME_LENGTH));
  }
}
