package fr.parcelle.domain.model.piece;

/** A pièce this dossier may or must contain, with the article that asks for it. */
public record PieceAttendue(String code, String libelle, String article, boolean obligatoire) {}
