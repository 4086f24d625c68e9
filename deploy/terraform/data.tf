resource "aws_kms_key" "data" {
  description         = "jobboard ${var.environment}: RDS, ElastiCache, S3 and Secrets Manager"
  enable_key_rotation = true
}

# PostgreSQL 15, Multi-AZ, encrypted. The master password is generated and kept in Secrets
# Manager by RDS itself (manage_master_user_password): it never appears in code or state.
resource "aws_db_instance" "postgres" {
  identifier     = "jobboard-${var.environment}"
  engine         = "postgres"
  engine_version = "15"
  instance_class = var.db_instance_class

  db_name                       = "jobboard"
  username                      = "jobboard"
  manage_master_user_password   = true
  master_user_secret_kms_key_id = aws_kms_key.data.key_id

  allocated_storage     = var.db_allocated_storage
  max_allocated_storage = var.db_max_allocated_storage
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = aws_kms_key.data.arn

  multi_az               = true
  db_subnet_group_name   = module.vpc.database_subnet_group_name
  vpc_security_group_ids = [aws_security_group.data.id]
  publicly_accessible    = false

  backup_retention_period         = var.db_backup_retention_days
  backup_window                   = "17:00-18:00"
  maintenance_window              = "sun:18:30-sun:19:30"
  deletion_protection             = true
  skip_final_snapshot             = false
  final_snapshot_identifier       = "jobboard-${var.environment}-final"
  copy_tags_to_snapshot           = true
  performance_insights_enabled    = true
  performance_insights_kms_key_id = aws_kms_key.data.arn
  enabled_cloudwatch_logs_exports = ["postgresql"]
  auto_minor_version_upgrade      = true
}

# Read replicas (ADR 0068): the app reads from DATABASE_REPLICA_URL (the replicas' endpoint
# below) and writes to the primary; jobboard.replicas falls back to the primary when the
# replica lags more than DATABASE_REPLICA_MAX_LAG seconds or does not answer. Streaming
# replicas of the Multi-AZ primary, same class, encrypted with the same key.
resource "aws_db_instance" "postgres_replica" {
  count               = var.db_read_replicas
  identifier          = "jobboard-${var.environment}-replica-${count.index + 1}"
  replicate_source_db = aws_db_instance.postgres.identifier
  instance_class      = var.db_instance_class

  storage_type      = "gp3"
  storage_encrypted = true
  kms_key_id        = aws_kms_key.data.arn

  vpc_security_group_ids = [aws_security_group.data.id]
  publicly_accessible    = false

  # A replica has no backups of its own; the primary's are the recovery point.
  backup_retention_period         = 0
  skip_final_snapshot             = true
  performance_insights_enabled    = true
  performance_insights_kms_key_id = aws_kms_key.data.arn
  enabled_cloudwatch_logs_exports = ["postgresql"]
  auto_minor_version_upgrade      = true
}

resource "aws_elasticache_subnet_group" "redis" {
  name       = "jobboard-${var.environment}"
  subnet_ids = module.vpc.database_subnets
}

resource "random_password" "redis_auth" {
  length  = 48
  special = false
}

# Redis 7 with a replica in another AZ, automatic failover, encrypted at rest and in
# transit, AUTH token generated here and stored only in Secrets Manager.
resource "aws_elasticache_replication_group" "redis" {
  replication_group_id = "jobboard-${var.environment}"
  description          = "jobboard cache, token revocation and throttling"
  engine               = "redis"
  engine_version       = "7.1"
  node_type            = var.redis_node_type
  num_cache_clusters   = 2
  port                 = 6379

  automatic_failover_enabled = true
  multi_az_enabled           = true
  subnet_group_name          = aws_elasticache_subnet_group.redis.name
  security_group_ids         = [aws_security_group.data.id]

  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  kms_key_id                 = aws_kms_key.data.arn
  auth_token                 = random_password.redis_auth.result

  snapshot_retention_limit = 3
}

# Résumés (POL-AP-002): private, encrypted, versioned, TLS only.
resource "aws_s3_bucket" "resumes" {
  bucket = var.resume_bucket_name
}

resource "aws_s3_bucket_public_access_block" "resumes" {
  bucket                  = aws_s3_bucket.resumes.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "resumes" {
  bucket = aws_s3_bucket.resumes.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "resumes" {
  bucket = aws_s3_bucket.resumes.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_policy" "resumes_tls_only" {
  bucket = aws_s3_bucket.resumes.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.resumes.arn, "${aws_s3_bucket.resumes.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
