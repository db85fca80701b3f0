package fr.parcelle.interfaces.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The JSON mapping of the API, decided once: ISO-8601 dates, absent values omitted, unknown
 * properties refused (an applicant's field is never silently dropped), no number-to-string coercion
 * surprises.
 */
@Provider
public class JacksonConfiguration implements ContextResolver<ObjectMapper> {

  /**
   * A dossier is a few levels deep, with short texts: anything much deeper or longer is an attack
   * on the parser (stack, CPU), refused while reading (400) before any object is built.
   */
  static final com.fasterxml.jackson.core.StreamReadConstraints LIMITES =
      com.fasterxml.jackson.core.StreamReadConstraints.builder()
          .maxNestingDepth(32)
          .maxStringLength(100_000)
          .maxNumberLength(40)
          .build();

  static final ObjectMapper MAPPER =
      JsonMapper.builder(
              com.fasterxml.jackson.core.JsonFactory.builder()
                  .streamReadConstraints(LIMITES)
                  .build())
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .serializationInclusion(JsonInclude.Include.NON_ABSENT)
          .build();

  @Override
  public ObjectMapper getContext(Class<?> type) {
    return MAPPER;
  }
}
