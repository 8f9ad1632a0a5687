package org.energytrace.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.energytrace.ingest.fixtures.RoleMatrix;
import org.junit.jupiter.api.Test;

/**
 * The policy table, the OpenAPI document and the role matrix of docs/security.md agree: an endpoint
 * added to openapi.yaml without a rule in AccessPolicy and a row in the matrix fails here (and is
 * refused to everyone at run time: deny by default, OWASP ASVS 4.0 V4.1.5).
 */
class AccessPolicyTest {
  final List<String> operations = ApiContract.operationIds();
  final AccessPolicy policy = new AccessPolicy();
  final RoleMatrix matrix = RoleMatrix.load();

  @Test
  void everyOperationOfTheOpenApiDocumentHasAnAccessRule() {
    assertThat(operations)
        .allSatisfy(id -> assertThat(policy.rule(id)).as("access rule for " + id).isPresent());
  }

  @Test
  void everyOperationOfTheOpenApiDocumentHasARowInTheDocumentedRoleMatrix() {
    assertThat(matrix.rows().keySet()).containsExactlyInAnyOrderElementsOf(operations);
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
}
