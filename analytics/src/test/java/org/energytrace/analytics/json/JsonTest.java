package org.energytrace.analytics.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.analytics.AnalyticsException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Nested
  class Parse {

    @Test
    void readsEveryKindOfValueKeepingKeyOrder() {
      Object v =
          Json.parse("{\"b\": [1, 2.5e1, -0.5], \"a\": \"x\\u00e9\\n\", \"t\": true, \"n\": null}");
      assertThat(v).isInstanceOf(Map.class);
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) v;
      assertThat(m.keySet()).containsExactly("b", "a", "t", "n");
      assertThat(((List<?>) m.get("b")).stream().map(x -> ((Number) x).doubleValue()))
          .containsExactly(1.0, 25.0, -0.5);
      assertThat(m.get("a")).isEqualTo("xé\n");
      assertThat(m.get("t")).isEqualTo(true);
      assertThat(m.get("n")).isNull();
    }

    @Test
    void refusesADuplicateKeyNamingLineAndColumn() {
      assertThatThrownBy(() -> Json.parse("{\n  \"a\": 1,\n  \"a\": 2\n}"))
          .isInstanceOf(AnalyticsException.class)
          .hasMessageContaining("line 3, column 3")
          .hasMessageContaining("duplicate key \"a\"");
    }

    @Test
    void refusesTrailingTextCommentsAndNaN() {
      assertThatThrownBy(() -> Json.parse("{} x")).hasMessageContaining("after the JSON value");
      assertThatThrownBy(() -> Json.parse("[NaN]")).hasMessageContaining("unexpected character");
      assertThatThrownBy(() -> Json.parse("[01]")).hasMessageContaining("expected ']'");
      assertThatThrownBy(() -> Json.parse("// c\n{}")).hasMessageContaining("line 1, column 1");
    }

    @Test
    void fieldsNameThePathOfAnError() {
      JsonFields f = JsonFields.parse("{\"list\": [{\"day\": \"2025-02-30\"}]}");
      assertThatThrownBy(() -> f.objects("list").get(0).date("day"))
          .hasMessage("list[0], field 'day': not an ISO date (YYYY-MM-DD): '2025-02-30'");
      assertThatThrownBy(() -> f.text("missing")).hasMessage("field 'missing': missing");
    }
  }

  @Nested
  class Canonical {

    // RFC 8785 Appendix B: IEEE 754 bit patterns and their ECMAScript serialisation
    @Test
    void serialisesNumbersAsEcmaScriptDoesOnTheRfc8785Vectors() {
      String[][] vectors = {
        {"0000000000000000", "0"},
        {"8000000000000000", "0"},
        {"0000000000000001", "5e-324"},
        {"7fefffffffffffff", "1.7976931348623157e+308"},
        {"4340000000000000", "9007199254740992"},
        {"c340000000000000", "-9007199254740992"},
        {"4430000000000000", "295147905179352830000"},
        {"44b52d02c7e14af5", "9.999999999999997e+22"},
        {"44b52d02c7e14af6", "1e+23"},
        {"44b52d02c7e14af7", "1.0000000000000001e+23"},
        {"444b1ae4d6e2ef4e", "999999999999999700000"},
        {"444b1ae4d6e2ef50", "1e+21"},
        {"3eb0c6f7a0b5ed8c", "9.999999999999997e-7"},
        {"3eb0c6f7a0b5ed8d", "0.000001"},
        {"41b3de4355555553", "333333333.3333332"},
        {"41b3de4355555554", "333333333.33333325"},
        {"41b3de4355555555", "333333333.3333333"},
        {"41b3de4355555557", "333333333.33333343"},
        {"becbf647612f3696", "-0.0000033333333333333333"},
        {"43143ff3c1cb0959", "1424953923781206.2"}
      };
      for (String[] v : vectors) {
        double d = Double.longBitsToDouble(Long.parseUnsignedLong(v[0], 16));
        assertThat(Json.number(d)).as(v[0]).isEqualTo(v[1]);
      }
    }

    // RFC 8785 §3.2.4: the example input and its canonical output
    @Test
    void canonicalisesTheRfcExample() {
      String input =
          "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
              + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
              + "  \"literals\": [null, true, false]\n}";
      assertThat(Json.canonical(input))
          .isEqualTo(
              "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                  + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    // RFC 8785 §3.2.3: keys sorted by UTF-16 code units
    @Test
    void sortsKeysByUtf16CodeUnits() {
      Map<String, Object> m = new LinkedHashMap<>();
      for (String k : List.of("\u20ac", "\r", "\ufb33", "1", "\ud83d\ude00", "\u0080", "\u00f6")) {
        m.put(k, 0);
      }
      assertThat(Json.canonical(m))
          .isEqualTo(
              "{\"\\r\":0,\"1\":0,\"\u0080\":0,\"\u00f6\":0,\"\u20ac\":0,\"\ud83d\ude00\":0,"
                  + "\"\ufb33\":0}");
    }

    @Test
    void theSameEntryWrittenDifferentlyHasOneCanonicalForm() {
      assertThat(Json.canonical("{ \"b\" : 1.0, \"a\" : [ 2E0 ] }"))
          .isEqualTo(Json.canonical("{\"a\":[2],\"b\":1}"))
          .isEqualTo("{\"a\":[2],\"b\":1}");
    }
  }
}
