#!/usr/bin/python3
"""PyTorch reference for bench_forecasting: the same preset trained the way the papers' code
does it, for the epoch-time ratio and for spot checks of the test figures.

The data pipeline follows Time-Series-Library (Dataset_ETT_hour / Dataset_Custom: per-sample
__getitem__, a DataLoader with shuffling, drop_last on the training loader, every test window
kept), the models follow the official code (LTSF-Linear's DLinear, PatchTST_supervised,
Informer2020) and the loop follows their exp_main (Adam, MSE, lradj type1 / type3, early
stopping on the validation loss, test with the best weights).

Run with Debian's interpreter, which carries python3-torch 1.13:
    /usr/bin/python3 tests/bench/forecast_reference.py resources/presets/dlinear-etth1-96.yaml \
        --threads 2 --time-batches 50            # timing only: prints one JSON line
    /usr/bin/python3 tests/bench/forecast_reference.py resources/presets/dlinear-etth1-96.yaml \
        --threads 2 --epochs 10                  # full training: adds test mse and mae
"""

import argparse
import datetime
import json
import math
import os
import random
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import yaml

# --------------------------------------------------------------------------------------------
# Data: Time-Series-Library's conventions


def parse_date(text):
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, fmt)
        except ValueError:
            pass
    raise ValueError("not a date: " + text)


def read_csv(path):
    with open(path) as f:
        header = f.readline().strip().split(",")
        dates, rows = [], []
        for line in f:
            if not line.strip():
                continue
            cells = line.strip().split(",")
            dates.append(parse_date(cells[0]))
            rows.append([float(c) for c in cells[1:]])
    return dates, header[1:], np.array(rows, dtype=np.float64)


def time_features(dates, freq):
    """utils/timefeatures.py with timeenc=1 (timeF)."""
    def hour(d): return d.hour / 23.0 - 0.5
    def minute(d): return d.minute / 59.0 - 0.5
    def second(d): return d.second / 59.0 - 0.5
    def dow(d): return d.weekday() / 6.0 - 0.5
    def dom(d): return (d.day - 1) / 30.0 - 0.5
    def doy(d): return (d.timetuple().tm_yday - 1) / 365.0 - 0.5
    def moy(d): return (d.month - 1) / 11.0 - 0.5
    def woy(d): return (d.isocalendar()[1] - 1) / 52.0 - 0.5
    table = {"s": [second, minute, hour, dow, dom, doy], "t": [minute, hour, dow, dom, doy],
             "h": [hour, dow, dom, doy], "d": [dow, dom, doy], "b": [dow, dom, doy],
             "w": [dom, woy], "m": [moy]}
    return np.array([[f(d) for f in table[freq]] for d in dates], dtype=np.float64)


class WindowDataset(torch.utils.data.Dataset):
    def __init__(self, data, stamp, seq_len, label_len, pred_len):
        self.data, self.stamp = data, stamp
        self.seq_len, self.label_len, self.pred_len = seq_len, label_len, pred_len

    def __getitem__(self, index):
        s_end = index + self.seq_len
        r_begin = s_end - self.label_len
        r_end = r_begin + self.label_len + self.pred_len
        return (self.data[index:s_end], self.data[r_begin:r_end],
                self.stamp[index:s_end], self.stamp[r_begin:r_end])

    def __len__(self):
        return len(self.data) - self.seq_len - self.pred_len + 1


def load_splits(cfg):
    d = cfg["data"]
    dates, columns, values = read_csv(d["path"])
    target = d.get("target", "OT")
    order = [c for c in columns if c != target] + [target]
    if d.get("features", "M") == "S":
        order = [target]
    values = values[:, [columns.index(c) for c in order]]
    seq_len, label_len, pred_len = d["seq_len"], d["label_len"], d["pred_len"]
    rows = len(values)
    if d.get("split", "ratio") == "ett":
        step = (dates[1] - dates[0]).total_seconds()
        month = int(30 * 86400 // step)
        borders = [min(12 * month, rows), min(16 * month, rows), min(20 * month, rows)]
    else:
        train, test = int(rows * 0.7), int(rows * 0.2)
        borders = [train, rows - test, rows]
    begins = [0, borders[0] - seq_len, borders[1] - seq_len]
    if d.get("normalize", True):
        mean = values[:borders[0]].mean(0)
        std = values[:borders[0]].std(0)
        std[std < 1e-12] = 1.0
        values = (values - mean) / std
    stamp = time_features(dates, d.get("freq", "h"))
    return [WindowDataset(values[b:e], stamp[b:e], seq_len, label_len, pred_len)
            for b, e in zip(begins, borders)], len(order)


# --------------------------------------------------------------------------------------------
# DLinear (LTSF-Linear, models/DLinear.py)


class MovingAvg(nn.Module):
    def __init__(self, kernel_size):
        super().__init__()
        self.kernel_size = kernel_size
        self.avg = nn.AvgPool1d(kernel_size=kernel_size, stride=1, padding=0)

    def forward(self, x):
        front = x[:, 0:1, :].repeat(1, (self.kernel_size - 1) // 2, 1)
        end = x[:, -1:, :].repeat(1, (self.kernel_size - 1) // 2, 1)
        x = torch.cat([front, x, end], dim=1)
        return self.avg(x.permute(0, 2, 1)).permute(0, 2, 1)


class DLinear(nn.Module):
    def __init__(self, seq_len, pred_len, channels, moving_avg=25, individual=False):
        super().__init__()
        self.decomposition = MovingAvg(moving_avg)
        self.individual, self.channels = individual, channels
        if individual:
            self.Linear_Seasonal = nn.ModuleList([nn.Linear(seq_len, pred_len) for _ in range(channels)])
            self.Linear_Trend = nn.ModuleList([nn.Linear(seq_len, pred_len) for _ in range(channels)])
        else:
            self.Linear_Seasonal = nn.Linear(seq_len, pred_len)
            self.Linear_Trend = nn.Linear(seq_len, pred_len)

    def forward(self, x, x_mark, dec, dec_mark):
        trend = self.decomposition(x)
        seasonal = (x - trend).permute(0, 2, 1)
        trend = trend.permute(0, 2, 1)
        if self.individual:
            s = torch.stack([self.Linear_Seasonal[i](seasonal[:, i]) for i in range(self.channels)], 1)
            t = torch.stack([self.Linear_Trend[i](trend[:, i]) for i in range(self.channels)], 1)
        else:
            s, t = self.Linear_Seasonal(seasonal), self.Linear_Trend(trend)
        return (s + t).permute(0, 2, 1)


# --------------------------------------------------------------------------------------------
# PatchTST (PatchTST_supervised: layers/PatchTST_backbone.py, layers/RevIN.py)


class RevIN(nn.Module):
    def __init__(self, num_features, eps=1e-5, affine=True, subtract_last=False):
        super().__init__()
        self.eps, self.affine, self.subtract_last = eps, affine, subtract_last
        if affine:
            self.affine_weight = nn.Parameter(torch.ones(num_features))
            self.affine_bias = nn.Parameter(torch.zeros(num_features))

    def forward(self, x, mode):
        if mode == "norm":
            self.center = (x[:, -1:, :] if self.subtract_last else x.mean(1, keepdim=True)).detach()
            self.stdev = torch.sqrt(torch.var(x, dim=1, keepdim=True, unbiased=False) + self.eps).detach()
            x = (x - self.center) / self.stdev
            return x * self.affine_weight + self.affine_bias if self.affine else x
        if self.affine:
            x = (x - self.affine_bias) / (self.affine_weight + self.eps * self.eps)
        return x * self.stdev + self.center


class Transpose(nn.Module):
    def forward(self, x):
        return x.transpose(1, 2)


class TSTEncoderLayer(nn.Module):
    def __init__(self, d_model, n_heads, d_ff, dropout):
        super().__init__()
        self.n_heads, self.d_k = n_heads, d_model // n_heads
        self.W_Q = nn.Linear(d_model, d_model)
        self.W_K = nn.Linear(d_model, d_model)
        self.W_V = nn.Linear(d_model, d_model)
        self.scale = nn.Parameter(torch.tensor(self.d_k ** -0.5), requires_grad=False)
        self.to_out = nn.Sequential(nn.Linear(d_model, d_model), nn.Dropout(dropout))
        self.dropout_attn = nn.Dropout(dropout)
        self.norm_attn = nn.Sequential(Transpose(), nn.BatchNorm1d(d_model), Transpose())
        self.ff = nn.Sequential(nn.Linear(d_model, d_ff), nn.GELU(), nn.Dropout(dropout), nn.Linear(d_ff, d_model))
        self.dropout_ffn = nn.Dropout(dropout)
        self.norm_ffn = nn.Sequential(Transpose(), nn.BatchNorm1d(d_model), Transpose())

    def forward(self, src, prev):
        bs = src.size(0)
        q = self.W_Q(src).view(bs, -1, self.n_heads, self.d_k).transpose(1, 2)
        k = self.W_K(src).view(bs, -1, self.n_heads, self.d_k).permute(0, 2, 3, 1)
        v = self.W_V(src).view(bs, -1, self.n_heads, self.d_k).transpose(1, 2)
        scores = torch.matmul(q, k) * self.scale
        if prev is not None:
            scores = scores + prev
        out = torch.matmul(F.softmax(scores, dim=-1), v)
        out = self.to_out(out.transpose(1, 2).contiguous().view(bs, -1, self.n_heads * self.d_k))
        src = self.norm_attn(src + self.dropout_attn(out))
        src = self.norm_ffn(src + self.dropout_ffn(self.ff(src)))
        return src, scores


class PatchTST(nn.Module):
    def __init__(self, seq_len, pred_len, channels, e_layers=3, n_heads=16, d_model=128, d_ff=256,
                 dropout=0.2, head_dropout=0.0, patch_len=16, stride=8, padding_patch="end",
                 revin=True, affine=False, subtract_last=False):
        super().__init__()
        self.revin = RevIN(channels, affine=affine, subtract_last=subtract_last) if revin else None
        self.patch_len, self.stride, self.padding_patch = patch_len, stride, padding_patch
        patch_num = int((seq_len - patch_len) / stride + 1)
        if padding_patch == "end":
            self.padding_patch_layer = nn.ReplicationPad1d((0, stride))
            patch_num += 1
        self.W_P = nn.Linear(patch_len, d_model)
        self.W_pos = nn.Parameter(torch.empty(patch_num, d_model).uniform_(-0.02, 0.02))
        self.dropout = nn.Dropout(dropout)
        self.layers = nn.ModuleList([TSTEncoderLayer(d_model, n_heads, d_ff, dropout) for _ in range(e_layers)])
        self.head = nn.Linear(d_model * patch_num, pred_len)
        self.head_dropout = nn.Dropout(head_dropout)

    def forward(self, x, x_mark, dec, dec_mark):
        if self.revin is not None:
            x = self.revin(x, "norm")
        z = x.permute(0, 2, 1)
        if self.padding_patch == "end":
            z = self.padding_patch_layer(z)
        z = z.unfold(dimension=-1, size=self.patch_len, step=self.stride)  # [bs, nvars, patch_num, patch_len]
        n_vars = z.shape[1]
        z = self.W_P(z)
        u = self.dropout(torch.reshape(z, (z.shape[0] * z.shape[1], z.shape[2], z.shape[3])) + self.W_pos)
        scores = None
        for layer in self.layers:
            u, scores = layer(u, scores)
        z = torch.reshape(u, (-1, n_vars, u.shape[-2], u.shape[-1])).permute(0, 1, 3, 2)
        z = self.head_dropout(self.head(torch.flatten(z, start_dim=-2))).permute(0, 2, 1)
        return self.revin(z, "denorm") if self.revin is not None else z


# --------------------------------------------------------------------------------------------
# Informer (Informer2020: models/embed.py, attn.py, encoder.py, decoder.py, model.py)


class DataEmbedding(nn.Module):
    def __init__(self, c_in, d_model, d_mark, dropout):
        super().__init__()
        self.tokenConv = nn.Conv1d(c_in, d_model, kernel_size=3, padding=1, padding_mode="circular")
        nn.init.kaiming_normal_(self.tokenConv.weight, mode="fan_in", nonlinearity="leaky_relu")
        pe = torch.zeros(5000, d_model)
        position = torch.arange(0, 5000).float().unsqueeze(1)
        div_term = (torch.arange(0, d_model, 2).float() * -(math.log(10000.0) / d_model)).exp()
        pe[:, 0::2] = torch.sin(position * div_term)
        pe[:, 1::2] = torch.cos(position * div_term)
        self.register_buffer("pe", pe.unsqueeze(0))
        self.temporal = nn.Linear(d_mark, d_model)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x, x_mark):
        value = self.tokenConv(x.permute(0, 2, 1)).transpose(1, 2)
        return self.dropout(value + self.pe[:, :x.size(1)] + self.temporal(x_mark))


class FullAttention(nn.Module):
    def __init__(self, mask_flag, dropout):
        super().__init__()
        self.mask_flag, self.dropout = mask_flag, nn.Dropout(dropout)

    def forward(self, queries, keys, values):
        B, L, H, E = queries.shape
        scores = torch.einsum("blhe,bshe->bhls", queries, keys)
        if self.mask_flag:
            mask = torch.triu(torch.ones(L, keys.shape[1], dtype=torch.bool, device=queries.device), diagonal=1)
            scores.masked_fill_(mask, -np.inf)
        A = self.dropout(torch.softmax(scores / math.sqrt(E), dim=-1))
        return torch.einsum("bhls,bshd->blhd", A, values).contiguous()


class ProbAttention(nn.Module):
    def __init__(self, mask_flag, factor):
        super().__init__()
        self.mask_flag, self.factor = mask_flag, factor

    def _prob_QK(self, Q, K, sample_k, n_top):
        B, H, L_K, E = K.shape
        _, _, L_Q, _ = Q.shape
        K_expand = K.unsqueeze(-3).expand(B, H, L_Q, L_K, E)
        index_sample = torch.randint(L_K, (L_Q, sample_k))
        K_sample = K_expand[:, :, torch.arange(L_Q).unsqueeze(1), index_sample, :]
        Q_K_sample = torch.matmul(Q.unsqueeze(-2), K_sample.transpose(-2, -1)).squeeze(-2)
        M = Q_K_sample.max(-1)[0] - torch.div(Q_K_sample.sum(-1), L_K)
        M_top = M.topk(n_top, sorted=False)[1]
        Q_reduce = Q[torch.arange(B)[:, None, None], torch.arange(H)[None, :, None], M_top, :]
        return torch.matmul(Q_reduce, K.transpose(-2, -1)), M_top

    def forward(self, queries, keys, values):
        B, L_Q, H, D = queries.shape
        L_K = keys.shape[1]
        queries, keys, values = queries.transpose(2, 1), keys.transpose(2, 1), values.transpose(2, 1)
        U_part = min(self.factor * int(np.ceil(np.log(L_K))), L_K)
        u = min(self.factor * int(np.ceil(np.log(L_Q))), L_Q)
        scores_top, index = self._prob_QK(queries, keys, U_part, u)
        scores_top = scores_top * (1.0 / math.sqrt(D))
        if self.mask_flag:
            context = values.cumsum(dim=-2)
            mask = torch.ones(L_Q, scores_top.shape[-1], dtype=torch.bool).triu(1)
            mask = mask[None, None, :].expand(B, H, L_Q, scores_top.shape[-1])
            indicator = mask[torch.arange(B)[:, None, None], torch.arange(H)[None, :, None], index, :]
            scores_top.masked_fill_(indicator.view(scores_top.shape), -np.inf)
        else:
            context = values.mean(dim=-2).unsqueeze(-2).expand(B, H, L_Q, values.shape[-1]).clone()
        attn = torch.softmax(scores_top, dim=-1)
        context[torch.arange(B)[:, None, None], torch.arange(H)[None, :, None], index, :] = \
            torch.matmul(attn, values).type_as(context)
        return context.transpose(2, 1).contiguous()


class AttentionLayer(nn.Module):
    def __init__(self, attention, d_model, n_heads, mix=False):
        super().__init__()
        self.inner_attention, self.n_heads, self.mix = attention, n_heads, mix
        self.query_projection = nn.Linear(d_model, d_model)
        self.key_projection = nn.Linear(d_model, d_model)
        self.value_projection = nn.Linear(d_model, d_model)
        self.out_projection = nn.Linear(d_model, d_model)

    def forward(self, queries, keys, values):
        B, L, _ = queries.shape
        S, H = keys.shape[1], self.n_heads
        out = self.inner_attention(self.query_projection(queries).view(B, L, H, -1),
                                   self.key_projection(keys).view(B, S, H, -1),
                                   self.value_projection(values).view(B, S, H, -1))
        if self.mix:
            out = out.transpose(2, 1).contiguous()
        return self.out_projection(out.view(B, L, -1))


class EncoderLayer(nn.Module):
    def __init__(self, attention, d_model, d_ff, dropout):
        super().__init__()
        self.attention = attention
        self.conv1 = nn.Conv1d(d_model, d_ff, kernel_size=1)
        self.conv2 = nn.Conv1d(d_ff, d_model, kernel_size=1)
        self.norm1, self.norm2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        x = x + self.dropout(self.attention(x, x, x))
        y = x = self.norm1(x)
        y = self.dropout(F.gelu(self.conv1(y.transpose(-1, 1))))
        y = self.dropout(self.conv2(y).transpose(-1, 1))
        return self.norm2(x + y)


class ConvLayer(nn.Module):
    def __init__(self, c_in):
        super().__init__()
        self.downConv = nn.Conv1d(c_in, c_in, kernel_size=3, padding=1, padding_mode="circular")
        self.norm = nn.BatchNorm1d(c_in)
        self.maxPool = nn.MaxPool1d(kernel_size=3, stride=2, padding=1)

    def forward(self, x):
        return self.maxPool(F.elu(self.norm(self.downConv(x.permute(0, 2, 1))))).transpose(1, 2)


class DecoderLayer(nn.Module):
    def __init__(self, self_attention, cross_attention, d_model, d_ff, dropout):
        super().__init__()
        self.self_attention, self.cross_attention = self_attention, cross_attention
        self.conv1 = nn.Conv1d(d_model, d_ff, kernel_size=1)
        self.conv2 = nn.Conv1d(d_ff, d_model, kernel_size=1)
        self.norm1, self.norm2, self.norm3 = nn.LayerNorm(d_model), nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x, cross):
        x = self.norm1(x + self.dropout(self.self_attention(x, x, x)))
        x = self.norm2(x + self.dropout(self.cross_attention(x, cross, cross)))
        y = self.dropout(F.gelu(self.conv1(x.transpose(-1, 1))))
        y = self.dropout(self.conv2(y).transpose(-1, 1))
        return self.norm3(x + y)


class Informer(nn.Module):
    def __init__(self, channels, c_out, pred_len, d_mark, d_model=512, n_heads=8, e_layers=2,
                 d_layers=1, d_ff=2048, factor=5, dropout=0.05, attn="prob", distil=True, mix=True):
        super().__init__()
        self.pred_len = pred_len
        self.enc_embedding = DataEmbedding(channels, d_model, d_mark, dropout)
        self.dec_embedding = DataEmbedding(channels, d_model, d_mark, dropout)

        def self_attention(mask):
            return ProbAttention(mask, factor) if attn == "prob" else FullAttention(mask, dropout)
        self.encoder_layers = nn.ModuleList([EncoderLayer(AttentionLayer(self_attention(False), d_model, n_heads),
                                                          d_model, d_ff, dropout) for _ in range(e_layers)])
        self.conv_layers = nn.ModuleList([ConvLayer(d_model) for _ in range(e_layers - 1)] if distil else [])
        self.encoder_norm = nn.LayerNorm(d_model)
        self.decoder_layers = nn.ModuleList([
            DecoderLayer(AttentionLayer(self_attention(True), d_model, n_heads, mix=mix),
                         AttentionLayer(FullAttention(False, dropout), d_model, n_heads),
                         d_model, d_ff, dropout) for _ in range(d_layers)])
        self.decoder_norm = nn.LayerNorm(d_model)
        self.projection = nn.Linear(d_model, c_out)

    def forward(self, x_enc, x_mark_enc, x_dec, x_mark_dec):
        x = self.enc_embedding(x_enc, x_mark_enc)
        for i, layer in enumerate(self.encoder_layers):
            x = layer(x)
            if i < len(self.conv_layers):
                x = self.conv_layers[i](x)
        x = self.encoder_norm(x)
        y = self.dec_embedding(x_dec, x_mark_dec)
        for layer in self.decoder_layers:
            y = layer(y, x)
        y = self.projection(self.decoder_norm(y))
        return y[:, -self.pred_len:, :]


# --------------------------------------------------------------------------------------------
# LSTM baseline (the same design as the engine's LstmForecaster)


class Lstm(nn.Module):
    def __init__(self, channels, c_out, d_mark, pred_len, hidden=64, layers=2, dropout=0.0, time_features=True):
        super().__init__()
        self.time_features, self.pred_len, self.c_out = time_features, pred_len, c_out
        self.lstm = nn.LSTM(channels + (d_mark if time_features else 0), hidden, layers,
                            dropout=dropout, batch_first=True)
        self.head = nn.Linear(hidden, pred_len * c_out)

    def forward(self, x, x_mark, dec, dec_mark):
        inp = torch.cat([x, x_mark], 2) if self.time_features else x
        out, _ = self.lstm(inp)
        return self.head(out[:, -1]).view(x.size(0), self.pred_len, self.c_out)


# --------------------------------------------------------------------------------------------
# The experiment loop (exp_main.py)


def build_model(cfg, channels, d_mark):
    d, m = cfg["data"], dict(cfg["model"])
    name = m.pop("name")
    seq_len, pred_len = d["seq_len"], d["pred_len"]
    c_out = channels if d.get("features", "M") == "M" else 1
    if name == "dlinear":
        return DLinear(seq_len, pred_len, channels, m.get("moving_avg", 25), m.get("individual", False))
    if name == "patchtst":
        return PatchTST(seq_len, pred_len, channels, **m)
    if name == "informer":
        return Informer(channels, c_out, pred_len, d_mark, **m)
    if name == "lstm":
        return Lstm(channels, c_out, d_mark, pred_len, **m)
    raise SystemExit("unknown model " + name)


def learning_rate(cfg, epoch):
    """The lr of 1-based `epoch` under the paper's own adjust_learning_rate, which runs after
    each epoch: type1 halves from the third epoch, type3 multiplies by 0.9 from the fifth."""
    lr = cfg["optim"]["lr"]
    kind = cfg.get("schedule", {}).get("name", "constant")
    if kind == "halve":
        return lr * 0.5 ** max(0, epoch - 2)
    if kind == "step":
        return lr * 0.9 ** max(0, epoch - 4)
    return lr


def forecast(model, batch, cfg, device):
    x, y, x_mark, y_mark = [t.float().to(device) for t in batch]
    d = cfg["data"]
    label_len, pred_len = d["label_len"], d["pred_len"]
    dec = torch.cat([y[:, :label_len, :], torch.zeros_like(y[:, -pred_len:, :])], dim=1)
    out = model(x, x_mark, dec, y_mark)
    f_dim = -1 if d.get("features", "M") == "MS" else 0
    return out[:, -pred_len:, f_dim:], y[:, -pred_len:, f_dim:]


def evaluate(model, loader, cfg, device):
    model.eval()
    se = ae = count = 0.0
    with torch.no_grad():
        for batch in loader:
            pred, true = forecast(model, batch, cfg, device)
            se += float(((pred - true) ** 2).sum())
            ae += float((pred - true).abs().sum())
            count += pred.numel()
    model.train()
    return se / count, ae / count


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("preset", help="a preset YAML of resources/presets")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--epochs", type=int, help="override train.epochs")
    parser.add_argument("--seed", type=int, help="override seed")
    parser.add_argument("--time-batches", type=int, default=0,
                        help="only time this many training batches and extrapolate one epoch")
    args = parser.parse_args()

    with open(args.preset) as f:
        cfg = yaml.safe_load(f)
    cfg["data"]["path"] = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(args.preset)),
                                                        cfg["data"]["path"]))
    torch.set_num_threads(args.threads)
    seed = args.seed if args.seed is not None else cfg.get("seed", 2021)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    (train_set, val_set, test_set), channels = load_splits(cfg)
    batch_size = cfg["train"]["batch_size"]
    train_loader = torch.utils.data.DataLoader(train_set, batch_size=batch_size, shuffle=True, drop_last=True)
    val_loader = torch.utils.data.DataLoader(val_set, batch_size=batch_size, shuffle=True, drop_last=True)
    test_loader = torch.utils.data.DataLoader(test_set, batch_size=batch_size, shuffle=False, drop_last=False)
    device = torch.device("cpu")
    model = build_model(cfg, channels, train_set.stamp.shape[1]).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg["optim"]["lr"])
    result = {"preset": os.path.basename(args.preset), "threads": args.threads, "seed": seed,
              "torch": torch.__version__, "batches_per_epoch": len(train_loader)}

    if args.time_batches > 0:
        model.train()
        done, start = 0, None
        for batch in train_loader:
            if done == 2:  # the first batches warm the allocator and caches up
                start = time.perf_counter()
            optimizer.zero_grad()
            pred, true = forecast(model, batch, cfg, device)
            F.mse_loss(pred, true).backward()
            optimizer.step()
            done += 1
            if done == args.time_batches + 2:
                break
        timed = done - 2
        result["timed_batches"] = timed
        result["epoch_s"] = (time.perf_counter() - start) / timed * len(train_loader)
        print(json.dumps(result))
        return

    epochs = args.epochs or cfg["train"]["epochs"]
    patience = cfg["train"].get("early_stop", {}).get("patience", 0)
    best, best_state, bad, epoch_times = math.inf, None, 0, []
    for epoch in range(1, epochs + 1):
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(cfg, epoch)
        model.train()
        start = time.perf_counter()
        for batch in train_loader:
            optimizer.zero_grad()
            pred, true = forecast(model, batch, cfg, device)
            F.mse_loss(pred, true).backward()
            optimizer.step()
        epoch_times.append(time.perf_counter() - start)
        val_mse, _ = evaluate(model, val_loader, cfg, device)
        if val_mse < best:
            best, bad = val_mse, 0
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        else:
            bad += 1
            if patience > 0 and bad >= patience:
                break
    model.load_state_dict(best_state)
    result["test_mse"], result["test_mae"] = evaluate(model, test_loader, cfg, device)
    result["epochs_run"] = len(epoch_times)
    result["epoch_s"] = sum(epoch_times) / len(epoch_times)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
