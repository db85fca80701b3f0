package fr.parcelle.infrastructure.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChoixStockageTest {

  @TempDir Path racine;

  @Test
  void sans_reglage_les_originaux_restent_des_fichiers() {
    assertThat(choisir(Map.of("parcelle.storage.dir", racine.toString())))
        .isInstanceOf(StockageFichiers.class);
  }

  @Test
  void s3_sans_cles_dans_l_environnement_echoue_au_deploiement_en_les_nommant() {
    Assumptions.assumeTrue(System.getenv(ChoixStockage.CLE_ACCES) == null);
    assertThatThrownBy(
            () ->
                choisir(
                    Map.of(
                        "parcelle.storage.dir", racine.toString(),
                        "parcelle.storage.type", "s3",
                        "parcelle.storage.s3.bucket", "parcelle")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PARCELLE_STORAGE_S3_ACCESS_KEY");
  }

  @Test
  void un_type_inconnu_echoue_au_deploiement() {
    assertThatThrownBy(() -> choisir(Map.of("parcelle.storage.type", "nfs")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("fichiers ou s3");
  }

  private static Object choisir(Map<String, String> valeurs) {
    ChoixStockage choix = new ChoixStockage();
    choix.config = new ConfigDeTest(valeurs);
    return choix.stockage();
  }

  /** Just what the producer reads: optional values converted from strings. */
  private record ConfigDeTest(Map<String, String> valeurs) implements Config {
    @Override
    public <T> Optional<T> getOptionalValue(String nom, Class<T> type) {
      return Optional.ofNullable(valeurs.get(nom)).map(v -> convertir(v, type));
    }

    private static <T> T convertir(String v, Class<T> type) {
      Object o =
          type == Boolean.class
              ? Boolean.valueOf(v)
              : type == Long.class
                  ? Long.valueOf(v)
                  : type == Integer.class ? (Object) Integer.valueOf(v) : v;
      return type.cast(o);
    }

    @Override
    public <T> T getValue(String nom, Class<T> type) {
      return getOptionalValue(nom, type).orElseThrow(() -> new NoSuchElementException(nom));
    }

    @Override
    public ConfigValue getConfigValue(String nom) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Iterable<String> getPropertyNames() {
      return valeurs.keySet();
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
      return java.util.List.of();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> type) {
      return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
      throw new UnsupportedOperationException();
    }
  }
}
