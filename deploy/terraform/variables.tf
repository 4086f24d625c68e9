variable "region" {
  description = "AWS region (Seoul for the Korean market)."
  type        = string
  default     = "ap-northeast-2"
}

variable "environment" {
  description = "staging or production; part of every resource name."
  type        = string
  validation {
    condition     = contains(["staging", "production"], var.environment)
    error_message = "environment must be staging or production."
  }
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC."
  type        = string
  default     = "10.40.0.0/16"
}

variable "availability_zones" {
  description = "Three availability zones: Multi-AZ database, cache and nodes."
  type        = list(string)
  default     = ["ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c"]
}

variable "eks_version" {
  description = "Kubernetes version of the EKS control plane (deploy/k8s is validated against 1.32)."
  type        = string
  default     = "1.32"
}

variable "node_instance_types" {
  description = "EC2 instance types of the managed node group."
  type        = list(string)
  default     = ["m6i.large"]
}

variable "node_min_size" {
  description = "Smallest node count."
  type        = number
  default     = 3
}

variable "node_max_size" {
  description = "Largest node count (the web HPA scales pods inside this)."
  type        = number
  default     = 10
}

variable "db_instance_class" {
  description = "RDS instance class."
  type        = string
  default     = "db.m6g.large"
}

variable "db_read_replicas" {
  description = "RDS read replicas the app reads from (0: every read on the primary)."
  type        = number
  default     = 1
}

variable "db_allocated_storage" {
  description = "Initial RDS storage in GiB (autoscaling up to db_max_allocated_storage)."
  type        = number
  default     = 50
}

variable "db_max_allocated_storage" {
  description = "RDS storage autoscaling ceiling in GiB."
  type        = number
  default     = 500
}

variable "db_backup_retention_days" {
  description = "Automated backup retention (point-in-time recovery window)."
  type        = number
  default     = 14
}

variable "redis_node_type" {
  description = "ElastiCache node type."
  type        = string
  default     = "cache.t4g.medium"
}

variable "resume_bucket_name" {
  description = "Globally unique S3 bucket name for résumés (POL-AP-002)."
  type        = string
}

variable "alarm_email" {
  description = "Address subscribed to infrastructure alarms."
  type        = string
}
