output "cluster_name" {
  description = "EKS cluster name (aws eks update-kubeconfig --name …)."
  value       = module.eks.cluster_name
}

output "database_endpoint" {
  description = "RDS endpoint for DATABASE_URL."
  value       = aws_db_instance.postgres.address
}

output "database_master_secret_arn" {
  description = "Secrets Manager secret holding the RDS master password (managed by RDS)."
  value       = aws_db_instance.postgres.master_user_secret[0].secret_arn
}

output "redis_endpoint" {
  description = "ElastiCache primary endpoint."
  value       = aws_elasticache_replication_group.redis.primary_endpoint_address
}

output "resume_bucket" {
  description = "S3 bucket for résumés."
  value       = aws_s3_bucket.resumes.bucket
}

output "app_secret_arn" {
  description = "Secrets Manager secret with SECRET_KEY, JWT_SIGNING_KEY, REDIS_URL."
  value       = aws_secretsmanager_secret.app.arn
}

output "database_replica_endpoints" {
  description = "RDS read replica endpoints for DATABASE_REPLICA_URL (one, or a DNS name over several)."
  value       = aws_db_instance.postgres_replica[*].address
}
