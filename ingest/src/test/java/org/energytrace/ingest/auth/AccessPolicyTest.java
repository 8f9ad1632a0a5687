package org.energytrace.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.energytrace.ingest.auth.ApiOperations.Operation;
import org.energytrace.ingest.fixtures.RoleMatrix;
import org.junit.jupiter.api.Test;

/**
 * The policy table, the OpenAPI document and the role matrix of docs/security.md agree: an endpoint
 * added to openapi.yaml without a rule in AccessPolicy and a row in the matrix fails here (and is
 * refused to everyone at run time: deny by default, OWASP ASVS 4.0 V4.1.5).
 */
class AccessPolicyTest {
  final ApiOperations operations = ApiOperations.load();
  final AccessPolicy policy = new AccessPolicy();
  final RoleMatrix matrix = RoleMatrix.load();

  @Test
  void everyOperationOfTheOpenApiDocumentHasAnAccessRule() {
    assertThat(operations.all())
        .extracting(Operation::operationId)
        .allSatisfy(id -> assertThat(policy.rule(id)).as("access rule for " + id).isPresent());
  }

  @Test
  void everyOperationOfTheOpenApiDocumentHasARowInTheDocumentedRoleMatrix() {
    assertThat(matrix.rows().keySet())
        .containsExactlyInAnyOrderElementsOf(
            operations.all().stream().map(Operation::operationId).toList());
  }

  @Test
  void thePolicyAllowsExactlyTheRolesTheDocumentedMatrixAllows() {
    matrix
        .rows()
        .forEach(
            (op, row) ->
                row.forEach(
                    (role, cell) ->
                        assertThat(policy.rule(op).orElseThrow().allows(role))
                            .as(op + " for " + role.wire())
                            .isEqualTo(cell.allowed())));
  }

  @Test
  void matchesARequestToItsOperationWithThePathParameters() {
    var m = operations.match("GET", "/api/v1/enterprises/acme/meters/m-1/readings").orElseThrow();

    assertThat(m.operation().operationId()).isEqualTo("listReadings");
    assertThat(m.pathParams()).containsEntry("enterprise", "acme").containsEntry("meter", "m-1");
    assertThat(
            operations
                .match("POST", "/api/v1/quarantine/reprocess")
                .orElseThrow()
                .operation()
                .operationId())
        .isEqualTo("reprocessQuarantine");
    assertThat(operations.match("DELETE", "/api/v1/meters")).isEmpty();
  }
}
