package fr.parcelle.domain.model.piece;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A pièce received for a dossier, marked with its code; the original bytes are kept as filed (legal
 * evidence).
 */
@Entity
@Table(name = "piece")
public class PieceJointe {

  @Id private UUID id;

  @Column(name = "code", nullable = false, length = 16)
  private String code;

  @Column(name = "nom_fichier", nullable = false, length = 255)
  private String nomFichier;

  @Column(name = "taille", nullable = false)
  private long taille;

  @Column(name = "type_media", nullable = false, length = 64)
  private String typeMedia;

  @Embedded private Empreinte empreinte;

  @Column(name = "pages")
  private Integer pages;

  @Column(name = "recue_le", nullable = false)
  private Instant recueLe;

  @Column(name = "complementaire", nullable = false)
  private boolean complementaire;

  protected PieceJointe() {
    // JPA
  }

  public PieceJointe(
      String code,
      String nomFichier,
      long taille,
      String typeMedia,
      Empreinte empreinte,
      Integer pages,
      Instant recueLe) {
    this(code, nomFichier, taille, typeMedia, empreinte, pages, recueLe, false);
  }

  /**
   * @param complementaire whether it answers a request for missing pièces (R423-38) rather than
   *     being filed with the dossier
   */
  public PieceJointe(
      String code,
      String nomFichier,
      long taille,
      String typeMedia,
      Empreinte empreinte,
      Integer pages,
      Instant recueLe,
      boolean complementaire) {
    this.complementaire = complementaire;
    this.id = UUID.randomUUID();
    this.code = code;
    this.nomFichier = nomFichier;
    this.taille = taille;
    this.typeMedia = typeMedia;
    this.empreinte = empreinte;
    this.pages = pages;
    this.recueLe = recueLe;
  }

  /** Takes the file of {@code autre}, received later for the same code. */
  public void remplacerPar(PieceJointe autre) {
    if (!autre.code.equals(code)) {
      throw new IllegalArgumentException("Une pièce ne remplace qu'une pièce de même code");
    }
    this.nomFichier = autre.nomFichier;
    this.taille = autre.taille;
    this.typeMedia = autre.typeMedia;
    this.empreinte = autre.empreinte;
    this.pages = autre.pages;
    this.recueLe = autre.recueLe;
  }

  public UUID id() {
    return id;
  }

  /** Whether it answers a request for missing pièces (R423-38). */
  public boolean complementaire() {
    return complementaire;
  }

  public String code() {
    return code;
  }

  public String nomFichier() {
    return nomFichier;
  }

  public long taille() {
    return taille;
  }

  public String typeMedia() {
    return typeMedia;
  }

  public Empreinte empreinte() {
    return empreinte;
  }

  public Optional<Integer> pages() {
    return Optional.ofNullable(pages);
  }

  public Instant recueLe() {
    return recueLe;
  }
}
