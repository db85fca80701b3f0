/**
 * Where the original bytes of pièces and issued documents are kept, addressed by content: the
 * shared reception ({@link fr.parcelle.infrastructure.storage.ReceptionTemporaire}), files on disk
 * ({@link fr.parcelle.infrastructure.storage.StockageFichiers}) or an S3 bucket ({@code s3}),
 * chosen by {@link fr.parcelle.infrastructure.storage.ChoixStockage}.
 */
package fr.parcelle.infrastructure.storage;
