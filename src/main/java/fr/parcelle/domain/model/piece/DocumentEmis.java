package fr.parcelle.domain.model.piece;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A document issued by the platform for a dossier (AEE, récépissé…), stored byte for byte like the
 * pièces.
 */
@Entity
@Table(name = "document")
public class DocumentEmis {

  @Id private UUID id;

  @Enumerated(EnumType.STRING)
  @Column(name = "type", nullable = false, length = 32)
  private TypeDocument type;

  @Column(name = "nom_fichier", nullable = false, length = 255)
  private String nomFichier;

  @Column(name = "taille", nullable = false)
  private long taille;

  @Embedded private Empreinte empreinte;

  @Column(name = "emis_le", nullable = false)
  private Instant emisLe;

  protected DocumentEmis() {
    // JPA
  }

  public DocumentEmis(
      TypeDocument type, String nomFichier, long taille, Empreinte empreinte, Instant emisLe) {
    this.id = UUID.randomUUID();
    this.type = type;
    this.nomFichier = nomFichier;
    this.taille = taille;
    this.empreinte = empreinte;
    this.emisLe = emisLe;
  }

  public TypeDocument type() {
    return type;
  }

  public String nomFichier() {
    return nomFichier;
  }

  public long taille() {
    return taille;
  }

  public Empreinte empreinte() {
    return empreinte;
  }

  public Instant emisLe() {
    return emisLe;
  }
}
