package org.energytrace.gateway.config;

import java.nio.file.Path;
import java.util.Objects;
import org.energytrace.gateway.model.Ids;

/** Who this gateway is (topic segments) and where it keeps its state. */
public record GatewayIdentity(String id, String enterprise, String site, Path dataDir) {

  public GatewayIdentity {
    Ids.requireId("gateway.id", id);
    Ids.requireId("gateway.enterprise", enterprise);
    Ids.requireId("gateway.site", site);
    Objects.requireNonNull(dataDir, "dataDir");
  }

  /** {@code et/v1/{enterprise}/{site}/{gateway}/{leaf}}. */
  public String topic(String leaf) {
    return "et/v1/" + enterprise + "/" + site + "/" + id + "/" + leaf;
  }

  public GatewayIdentity withDataDir(Path newDataDir) {
    return new GatewayIdentity(id, enterprise, site, newDataDir);
  }
}
