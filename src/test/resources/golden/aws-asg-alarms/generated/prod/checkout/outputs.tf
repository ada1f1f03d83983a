output "scale_out_policy_arn" {
  description = "Step scale-out policy; point your own CloudWatch alarms here. prewarm's alarms already do."
  value       = aws_autoscaling_policy.step_up.arn
}

output "scale_in_policy_arn" {
  description = "Gentle scale-in policy; point your own CloudWatch alarms here. prewarm's alarms already do."
  value       = aws_autoscaling_policy.gentle_down.arn
}
