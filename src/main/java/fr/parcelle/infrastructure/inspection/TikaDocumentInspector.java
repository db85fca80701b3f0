package fr.parcelle.infrastructure.inspection;

import fr.parcelle.domain.port.DocumentInspector;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.TikaException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;

/**
 * One Tika configuration for the whole application, built once (it costs seconds): a shared
 * detector that looks at the bytes only (no file name is ever given to it) and a shared parser with
 * OCR off, for the structural checks the filing issue adds.
 */
@ApplicationScoped
public class TikaDocumentInspector implements DocumentInspector {

  private Detector detecteur;
  private AutoDetectParser analyseur;

  @PostConstruct
  void initialiser() {
    TikaConfig configuration;
    try (InputStream xml =
        TikaDocumentInspector.class.getResourceAsStream("/tika/tika-config.xml")) {
      configuration = xml == null ? TikaConfig.getDefaultConfig() : new TikaConfig(xml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (TikaException | org.xml.sax.SAXException e) {
      throw new IllegalStateException("Configuration Tika invalide", e);
    }
    detecteur = configuration.getDetector();
    analyseur = new AutoDetectParser(configuration);
  }

  @Override
  public Inspection inspecter(InputStream contenu) throws IOException {
    try (TikaInputStream tis = TikaInputStream.get(contenu)) {
      return new Inspection(detecteur.detect(tis, new Metadata()).getBaseType().toString());
    }
  }

  /**
   * The shared parser (OCR excluded by tika/tika-config.xml), for the structural checks of pièces.
   */
  AutoDetectParser analyseur() {
    return analyseur;
  }
}
