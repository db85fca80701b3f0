/**
 * The original bytes in an S3-compatible object store (AWS S3, MinIO, Ceph RGW, Garage, the French
 * clouds' offers), under the same content addresses as on disk; selected by {@code
 * parcelle.storage.type=s3}.
 */
package fr.parcelle.infrastructure.storage.s3;
