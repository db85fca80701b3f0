package fr.parcelle.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Hostile JSON is refused by the parser itself: too deep, too long a string, too long a number. */
class JacksonConfigurationTest {

  @Test
  void trente_deux_niveaux_passent_pas_davantage() throws Exception {
    JsonNode ok = JacksonConfiguration.MAPPER.readTree("[".repeat(32) + "]".repeat(32));
    assertThat(ok.isArray()).isTrue();
    assertThatThrownBy(
            () -> JacksonConfiguration.MAPPER.readTree("[".repeat(5000) + "]".repeat(5000)))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("depth");
  }

  @Test
  void chaines_et_nombres_demesures_refuses() {
    assertThatThrownBy(
            () ->
                JacksonConfiguration.MAPPER.readTree(
                    "{\"description\":\"" + "a".repeat(200_000) + "\"}"))
        .isInstanceOf(JsonProcessingException.class);
    assertThatThrownBy(
            () -> JacksonConfiguration.MAPPER.readTree("{\"n\":" + "9".repeat(1000) + "}"))
        .isInstanceOf(JsonProcessingException.class);
  }
}
